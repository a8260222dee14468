/**
 * The one shared test fixture: a fake gateway (fetch), fake SSE streams (jsdom has neither EventSource
 * nor streaming fetch bodies), sample applications and element helpers.
 */
import { vi } from 'vitest';
import '../src/index.js';
import { application, issues, WORKSPACE } from './sample-data.js';

export { application, environment, issues, WORKSPACE } from './sample-data.js';

export const API_BASE = 'http://gateway.test';
export const ISSUES_PATH = `/api/workspaces/${WORKSPACE}/provisioning-issues`;
export const STREAM_PATH = `${ISSUES_PATH}/stream`;
export const retryPath = (id) => `/api/applications/${id}/provisioning/retry`;

const encoder = new TextEncoder();

export function json(body, { status = 200, headers = {} } = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status, detail, { title = 'Problem', headers = {}, ...members } = {}) {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...members }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One open text/event-stream response whose bytes the test pushes, in chunks of its choosing. */
export class FakeEventStream {
  #chunks = [];
  #waiting = null;
  #done = false;
  #error = null;

  constructor(signal) {
    this.aborted = false;
    signal?.addEventListener('abort', () => {
      this.aborted = true;
      this.#fail(new DOMException('The operation was aborted.', 'AbortError'));
    });
    const reader = { read: () => this.#read(), cancel: async () => {}, releaseLock() {} };
    this.response = {
      ok: true,
      status: 200,
      headers: new Headers({ 'Content-Type': 'text/event-stream' }),
      body: { getReader: () => reader, cancel: async () => {} },
    };
  }

  push(text) {
    this.#chunks.push(encoder.encode(text));
    this.#wake();
  }

  /** One SSE event with JSON data, as the gateway frames it. */
  send(type, data, id) {
    this.push(`${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end() {
    this.#done = true;
    this.#wake();
  }

  #fail(error) {
    this.#error = error;
    this.#wake();
  }

  #read() {
    const next = this.#next();
    if (next) return next;
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  #next() {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#chunks.length) return Promise.resolve({ value: this.#chunks.shift(), done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return null;
  }

  #wake() {
    if (!this.#waiting) return;
    const { resolve, reject } = this.#waiting;
    this.#waiting = null;
    this.#next().then(resolve, reject);
  }
}

/**
 * A fake gateway behind fetch. Routes answer by method + path; a stream route opens a new
 * FakeEventStream per connection unless a queued response (e.g. a 401) is waiting.
 */
export function fakeGateway() {
  const routes = [];
  const requests = [];
  const streams = [];
  const streamResponses = [];
  const fetch = vi.fn(async (input, init = {}) => {
    const url = new URL(String(input));
    const request = {
      url: String(input),
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      signal: init.signal,
    };
    requests.push(request);
    const route = routes.findLast((candidate) => candidate.method === request.method && candidate.path === request.path);
    if (!route) return problem(404, `no route for ${request.method} ${request.path}`);
    return route.respond(request);
  });
  return {
    fetch,
    requests,
    streams,
    /** Responses for the next stream connections, in order, before falling back to a fresh open stream. */
    streamResponses,
    on(method, path, respond) {
      routes.push({ method, path, respond: typeof respond === 'function' ? respond : () => respond.clone() });
      return this;
    },
    stream(path = STREAM_PATH) {
      routes.push({
        method: 'GET',
        path,
        respond: (request) => {
          if (streamResponses.length) return streamResponses.shift()();
          const stream = new FakeEventStream(request.signal);
          streams.push(stream);
          return stream.response;
        },
      });
      return this;
    },
    requestsTo(method, path) {
      return requests.filter((request) => request.method === method && request.path === path);
    },
    get lastStream() {
      return streams.at(-1);
    },
  };
}

/** A gateway for one workspace: the list answers with `apps`, the stream opens on demand. */
export function workspaceGateway(apps = [application()]) {
  return fakeGateway().on('GET', ISSUES_PATH, () => json(issues(apps))).stream();
}

export async function mountAlert(gateway, { attributes = {}, tokenProvider = async () => 'token-alice' } = {}) {
  vi.stubGlobal('fetch', gateway.fetch);
  const alert = document.createElement('provisioning-alert');
  const all = { 'api-base': API_BASE, workspace: WORKSPACE, 'support-href': 'mailto:support@example.com', ...attributes };
  for (const [name, value] of Object.entries(all)) alert.setAttribute(name, value);
  if (tokenProvider) alert.tokenProvider = tokenProvider;
  document.body.append(alert);
  return alert;
}

/** Mounts an alert and waits until its stream is open and has delivered the snapshot of `apps`. */
export async function mountWithSnapshot(apps, gateway = workspaceGateway(apps)) {
  const alert = await mountAlert(gateway);
  await vi.waitFor(() => {
    if (!gateway.lastStream) throw new Error('stream not opened yet');
  });
  gateway.lastStream.send('snapshot', issues(apps), 'e1');
  await vi.waitFor(() => {
    if (alert.store.count !== issues(apps).count || alert.store.applications().length !== apps.length) {
      throw new Error('snapshot not applied yet');
    }
  });
  return { alert, gateway };
}

export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

export function banner(alert) {
  return $(alert, '.banner');
}

/**
 * An element's text as it is announced: an icon with an accessible name reads as "[name]", a
 * decorative (aria-hidden) one not at all.
 */
export function announcedText(element) {
  return [...element.childNodes].map((node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
    if (node.getAttribute('role') === 'img') return `[${node.getAttribute('aria-label')}] `;
    return announcedText(node);
  }).join('');
}

/** The icon shapes inside an element, by name (see src/icons.js), in document order. */
export function iconNames(element) {
  return [...element.querySelectorAll('svg.icon')].map((svg) => svg.getAttribute('class').replace(/.*icon-/, ''));
}

export function bannerText(alert) {
  return $(alert, '.banner .message').textContent;
}

export function openModal(alert) {
  $(alert, '.details').click();
  return $(alert, '[role="dialog"]');
}

export function section(alert, name) {
  return $$(alert, 'section.app').find((candidate) => candidate.getAttribute('aria-label') === name);
}

export function retryButton(alert, name = 'payments-service') {
  return section(alert, name).querySelector('button.retry');
}

export function toasts(alert) {
  return $$(alert, '.toast .message').map((toast) => toast.textContent);
}

/** Each toast's icon: its shape and its accessible name. */
export function toastIcons(alert) {
  return $$(alert, '.toast svg.icon').map((svg) => ({ shape: iconNames(svg.parentNode)[0], name: svg.getAttribute('aria-label') }));
}

export function press(target, key, options = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...options });
  target.dispatchEvent(event);
  return event;
}

export function cleanup() {
  document.body.replaceChildren();
  sessionStorage.clear();
}

/** Lets pending promise chains (fetch, reads, handlers) run, without moving fake time forward. */
export async function flush() {
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
}

export const ADMIN_ISSUES_PATH = '/api/admin/provisioning-issues';
export const ADMIN_STREAM_PATH = `${ADMIN_ISSUES_PATH}/stream`;
export const RETRY_FAILED_PATH = '/api/admin/provisioning/retry-failed';

/** The full (admin) view: workflow id, error detail with stack trace, per-environment history. */
export function fullApplication(overrides = {}) {
  const base = application(overrides);
  return {
    eventId: `ev-${base.applicationId}`,
    workflowId: `provisioning-${base.applicationId}`,
    ...base,
    environments: base.environments.map((env) =>
      env.status === 'failed'
        ? {
            ...env,
            errorDetail: 'java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
            history: [{ attempt: 0, status: 'pending', message: 'Waiting to be provisioned', at: '2026-11-27T09:00:00Z' }],
          }
        : { ...env, history: [] },
    ),
    ...overrides,
  };
}

export function adminGateway(apps) {
  return fakeGateway()
    .on('GET', ADMIN_ISSUES_PATH, () => json({ count: apps.length, applications: apps }))
    .stream(ADMIN_STREAM_PATH);
}

/** Mounts the admin tab and waits for the stream's snapshot of `apps`. */
export async function mountAdminWithSnapshot(apps, gateway = adminGateway(apps)) {
  vi.stubGlobal('fetch', gateway.fetch);
  const tab = document.createElement('provisioning-admin-tab');
  tab.setAttribute('api-base', API_BASE);
  tab.tokenProvider = async () => 'token-admin';
  document.body.append(tab);
  await vi.waitFor(() => {
    if (!gateway.lastStream) throw new Error('stream not opened yet');
  });
  gateway.lastStream.send('snapshot', { count: apps.length, applications: apps }, 'a1');
  await vi.waitFor(() => {
    if (tab.store.applications().length !== apps.length) throw new Error('snapshot not applied yet');
  });
  return { tab, gateway };
}
