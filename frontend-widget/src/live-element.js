import { createApi } from './api.js';
import { emit } from './events.js';
import { freshnessText } from './format.js';
import { iconCss } from './icons.js';
import { RunWatcher } from './run-watcher.js';
import { createSseClient } from './sse-client.js';
import { ProvisioningStore, STREAM_EVENT_TYPES } from './store.js';
import { Toaster } from './toaster.js';

export const baseCss = `${iconCss}
  :host { display: block; font-family: system-ui, sans-serif; color: #1f2933; }
  [hidden] { display: none !important; }
  button, a.button, a.support {
    font: inherit; font-size: .9rem; font-weight: 600; border-radius: .375rem; padding: .4rem .9rem;
    border: 1px solid #7b8794; background: #fff; color: #1f2933; cursor: pointer; text-decoration: none;
    display: inline-flex; align-items: center;
  }
  button.retry { background: #1a4fa0; border-color: #1a4fa0; color: #fff; }
  :focus-visible { outline: 3px solid #1a4fa0; outline-offset: 2px; }
  .freshness { color: #52606d; font-size: .85rem; }
`;

/**
 * What the workspace alert and the admin tab share: the token provider, one live stream feeding a
 * store, toasts, and following the retries they start. Subclasses say what to load (scope) and how
 * to show it (render, renderFreshness, onSettled).
 *
 * Public, read-only for hosts: `store` (current state), `stream` (connection state for freshness).
 */
export class LiveElement extends HTMLElement {
  static observedAttributes = ['api-base', 'token-provider'];
  /** Attributes that change what is loaded, so the stream starts over. */
  static restartAttributes = ['api-base'];

  store = new ProvisioningStore();
  stream = { status: 'closed', lastActivityAt: null, retryInMs: null };
  toaster = new Toaster();
  /** Set on start, with the api-base of that moment. */
  api = null;
  watcher = null;
  #tokenProvider;
  #client = null;
  #ticker = null;
  #generation = 0;
  #startQueued = false;
  #scopeUrl = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /** An async function returning the bearer token; asked before every request and (re)connection. */
  get tokenProvider() {
    return this.#tokenProvider;
  }

  set tokenProvider(provider) {
    this.#tokenProvider = provider;
  }

  connectedCallback() {
    // A host may have set the property before this element was defined; re-route it through the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'tokenProvider')) {
      const provider = this.tokenProvider;
      delete this.tokenProvider;
      this.tokenProvider = provider;
    }
    this.#queueStart();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value) return;
    if (this.constructor.restartAttributes.includes(name)) this.#queueStart();
    else this.render();
  }

  freshness() {
    return freshnessText(this.stream);
  }

  /** Reconnects for a fresh snapshot (the admin tab's Refresh). */
  restart() {
    this.#queueStart();
  }

  // Attributes and properties are often set one after another right after insertion: start once, after all.
  #queueStart() {
    if (this.#startQueued) return;
    this.#startQueued = true;
    queueMicrotask(() => {
      this.#startQueued = false;
      if (this.isConnected) this.#start();
    });
  }

  #start() {
    this.#stop();
    const generation = this.#generation;
    const api = createApi({ base: this.getAttribute('api-base') ?? '', tokenProvider: () => this.#provider() });
    const scope = this.scope(api);
    // A restart of the same scope (a refresh) keeps the held state on screen until the new snapshot
    // replaces it, and keeps following the retries already started.
    const newScope = (scope?.streamUrl ?? null) !== this.#scopeUrl;
    if (newScope) {
      this.#scopeUrl = scope?.streamUrl ?? null;
      this.api = api;
      this.watcher = new RunWatcher({ api, toaster: this.toaster, onSettled: (app) => this.onSettled(app) });
      this.store = new ProvisioningStore();
      this.store.addEventListener('change', (event) => this.#onChange(event.detail));
    }
    if (scope) {
      if (newScope) this.#loadList(scope, generation);
      this.#client = createSseClient({
        url: scope.streamUrl,
        getHeaders: this.api.authHeaders,
        onEvent: ({ type, data }) => {
          if (STREAM_EVENT_TYPES.includes(type)) this.store.apply(type, JSON.parse(data));
        },
        onStateChange: (state) => {
          const statusChanged = state.status !== this.stream.status;
          this.stream = state;
          if (statusChanged) this.render();
          else this.renderFreshness();
        },
      });
      this.#client.start();
      this.#ticker = setInterval(() => this.renderFreshness(), 1000);
    }
    this.render();
  }

  #loadList(scope, generation) {
    scope
      .list()
      .then((body) => {
        if (generation === this.#generation) this.store.loadList(body);
      })
      .catch(() => {
        // Degrade quietly: the stream may still deliver, and until something does nothing is shown.
      });
  }

  #stop() {
    this.#generation += 1;
    this.#client?.stop();
    this.#client = null;
    clearInterval(this.#ticker);
  }

  #provider() {
    if (this.#tokenProvider) return this.#tokenProvider;
    const name = this.getAttribute('token-provider');
    const provider = name ? globalThis[name] : undefined;
    return typeof provider === 'function' ? provider : undefined;
  }

  #onChange({ changes }) {
    for (const change of changes) {
      const status = change.current?.status ?? null;
      const previousStatus = change.previous?.status ?? null;
      if (status !== previousStatus) {
        emit(this, 'provisioning-status-changed', {
          applicationId: change.applicationId,
          status,
          previousStatus,
          application: change.current,
        });
      }
      this.watcher.observe(change);
    }
    this.render();
  }

  /** @returns {{ list: () => Promise<object>, streamUrl: string } | null} null while not configured */
  scope() {
    return null;
  }

  render() {}

  renderFreshness() {}

  /** An application this element retried left the stream's scope; `app` is its final state. */
  onSettled() {}
}
