/**
 * The running devstack as the end-to-end suite sees it: the demo host page (which hands out demo tokens
 * and starts/stops the stage cluster) and the real gateway. The JUnit test
 * WidgetInChromiumEndToEndTest starts a fresh devstack and passes its URLs; by hand, `./devstack` then
 * `npm run test:e2e` uses the default ports.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEMO_URL = (process.env.E2E_DEMO_URL ?? 'http://127.0.0.1:8090/').replace(/\/?$/, '/');
export const GATEWAY_URL = (process.env.E2E_GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const SCREENSHOTS = resolve(process.env.E2E_SCREENSHOTS_DIR ?? 'target/e2e-screenshots');

/** Ids valid for the gateway (lower-case DNS labels) and unique per run, so the suite can run again on one devstack. */
export const RUN = Date.now().toString(36);

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return resolve(SCREENSHOTS, `${name}.png`);
}

async function demo(path, init) {
  let response;
  try {
    response = await fetch(new URL(path, DEMO_URL), init);
  } catch (error) {
    throw new Error(`no devstack demo site at ${DEMO_URL} (${error.cause?.code ?? error.cause?.message ?? error.message}): start ./devstack, `
      + 'or run WidgetInChromiumEndToEndTest, or set E2E_DEMO_URL and E2E_GATEWAY_URL');
  }
  if (!response.ok) throw new Error(`demo site ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export async function tokenFor(user) {
  return (await demo(`demo/token?user=${encodeURIComponent(user)}`)).token;
}

export async function stageRunning() {
  return (await demo('demo/clusters/stage')).running;
}

export async function stopStage() {
  await demo('demo/clusters/stage/stop', { method: 'POST' });
}

async function gateway(method, path, token, body) {
  const response = await fetch(`${GATEWAY_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Registers an application the way the platform does; an admin token may do that. */
export function register(adminToken, application) {
  return gateway('POST', '/api/applications', adminToken, application);
}

/** One application's view as the gateway serves it to `token`'s caller. */
export function applicationView(token, applicationId) {
  return gateway('GET', `/api/applications/${encodeURIComponent(applicationId)}/provisioning`, token);
}

export function workspaceIssues(token, workspace) {
  return gateway('GET', `/api/workspaces/${encodeURIComponent(workspace)}/provisioning-issues`, token);
}
