import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseRetryAfter } from '../src/api.js';
import {
  application,
  cleanup,
  deferred,
  environment,
  flush,
  json,
  mountWithSnapshot,
  openModal,
  problem,
  retryButton,
  retryPath,
  section,
  toastIcons,
  toasts,
  workspaceGateway,
} from './fixtures.js';

const RETRY = retryPath('payments-service');

async function modalWith(respond, apps = [application()]) {
  const gateway = workspaceGateway(apps).on('POST', RETRY, respond);
  const { alert } = await mountWithSnapshot(apps, gateway);
  openModal(alert);
  return { alert, gateway, button: retryButton(alert) };
}

const isBusy = (button) => button.getAttribute('aria-disabled') === 'true' && button.querySelector('.spinner') !== null;
const isReady = (button) => button.getAttribute('aria-disabled') === 'false' && button.textContent === 'Retry Provisioning';
const accepted = () => json({ applicationId: 'payments-service', commandId: 'cmd-1' }, { status: 202 });

function record(type) {
  const details = [];
  document.addEventListener(type, (event) => details.push(event.detail));
  return details;
}

describe('retry provisioning', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  test('posts the retry with the bearer token and an idempotency key', async () => {
    const { gateway, button } = await modalWith(accepted);
    button.click();
    await vi.waitFor(() => expect(gateway.requestsTo('POST', RETRY)).toHaveLength(1));
    const [request] = gateway.requestsTo('POST', RETRY);
    expect(request.headers.get('Authorization')).toBe('Bearer token-alice');
    expect(request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('shows a spinner and is disabled while the request is in flight', async () => {
    const response = deferred();
    const { button } = await modalWith(() => response.promise);
    button.click();
    await flush();
    expect(isBusy(button)).toBe(true);
    expect(button.textContent).toBe('Retrying…');
    expect(button.getAttribute('aria-busy')).toBe('true');
    response.resolve(problem(500, 'Temporal unavailable'));
    await vi.waitFor(() => expect(isReady(button)).toBe(true));
  });

  test('a double click sends one request', async () => {
    const { gateway, button } = await modalWith(accepted);
    button.click();
    button.click();
    await flush();
    expect(gateway.requestsTo('POST', RETRY)).toHaveLength(1);
  });

  test('clicks are debounced even when the first request failed at once', async () => {
    const { gateway, button } = await modalWith(() => problem(500, 'Temporal unavailable'));
    vi.useFakeTimers();
    button.click();
    await flush();
    expect(isReady(button)).toBe(true);
    button.click();
    await flush();
    expect(gateway.requestsTo('POST', RETRY)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(800);
    button.click();
    await flush();
    expect(gateway.requestsTo('POST', RETRY)).toHaveLength(2);
  });

  test('is disabled with a spinner while the application is in progress', async () => {
    const running = application({ status: 'in_progress', attempt: 2 });
    const { gateway, button } = await modalWith(accepted, [running]);
    expect(isBusy(button)).toBe(true);
    button.click();
    await flush();
    expect(gateway.requestsTo('POST', RETRY)).toHaveLength(0);
  });

  test('202 shows "Provisioning started" and emits requested then started', async () => {
    const requested = record('provisioning-retry-requested');
    const started = record('provisioning-retry-started');
    const { alert, button } = await modalWith(accepted);
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Provisioning started']));
    expect(requested).toEqual([{ applicationId: 'payments-service' }]);
    expect(started).toEqual([{ applicationId: 'payments-service', commandId: 'cmd-1' }]);
  });

  test('after 202 the button stays busy until the stream reports the new attempt', async () => {
    const { alert, gateway, button } = await modalWith(accepted);
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toContain('Provisioning started'));
    expect(isBusy(button)).toBe(true);
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: application({ status: 'failed', attempt: 2, version: 7 }) }, 'e2');
    await vi.waitFor(() => expect(isReady(button)).toBe(true));
  });

  test('a 202 without a body is still a started retry', async () => {
    const { alert, button } = await modalWith(() => new Response(null, { status: 202 }));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Provisioning started']));
  });

  test('a listener can cancel the retry', async () => {
    const { gateway, button } = await modalWith(accepted);
    document.addEventListener('provisioning-retry-requested', (event) => event.preventDefault(), { once: true });
    button.click();
    await flush();
    expect(gateway.requestsTo('POST', RETRY)).toHaveLength(0);
  });

  test('a toast names its kind with its icon, so "Error" is said before the message', async () => {
    const { alert, button } = await modalWith(() => problem(500, 'Temporal unavailable'));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toHaveLength(1));
    expect(toastIcons(alert)).toEqual([{ shape: 'failure', name: 'Error' }]);
  });

  test('a failed start says "Failed to start provisioning: <detail>" and the button returns to normal', async () => {
    const failures = record('provisioning-retry-failed');
    const { alert, button } = await modalWith(() => problem(500, 'Temporal unavailable'));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Failed to start provisioning: Temporal unavailable']));
    expect(isReady(button)).toBe(true);
    expect(failures).toEqual([
      { applicationId: 'payments-service', status: 500, message: 'Failed to start provisioning: Temporal unavailable' },
    ]);
  });

  test('an unreachable gateway is a failed start too', async () => {
    const { alert } = await modalWith(() => Promise.reject(new TypeError('Failed to fetch')));
    retryButton(alert).click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Failed to start provisioning: Could not reach the server']));
  });

  test('409 says provisioning is already in progress', async () => {
    const { alert, button } = await modalWith(() => problem(409, 'Attempt 2 is running', { attempt: 2 }));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Provisioning is already in progress (attempt 2)']));
  });

  test('429 says when to try again, from Retry-After, and holds the button until then', async () => {
    const { alert, button } = await modalWith(() => problem(429, 'rate limited', { headers: { 'Retry-After': '12' } }));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toEqual(['Too many retries — try again in 12 s']));
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toBe('Retry Provisioning');
  });

  test('Retry-After may also be an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  test('when the retried run completes: a success toast, and the modal stays open showing it', async () => {
    const completed = application({
      status: 'completed',
      attempt: 2,
      version: 9,
      error: null,
      environments: [environment('dev', 'succeeded'), environment('stage', 'succeeded'), environment('prod', 'succeeded')],
    });
    const { alert, gateway, button } = await modalWith(accepted);
    gateway.on('GET', '/api/applications/payments-service/provisioning', () => json(completed));
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toContain('Provisioning started'));
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: application({ status: 'in_progress', attempt: 2, version: 8 }) }, 'e2');
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: null }, 'e3');
    await vi.waitFor(() => expect(toasts(alert)).toContain('payments-service: provisioning completed'));
    expect(alert.shadowRoot.querySelector('.overlay').hidden).toBe(false);
    const badge = section(alert, 'payments-service').querySelector('provisioning-status-badge');
    expect(badge.shadowRoot.textContent).toContain('Completed');
    expect(retryButton(alert).hidden).toBe(true);
  });

  test('when the retried run fails again: a failure toast with the reason', async () => {
    const { alert, gateway, button } = await modalWith(accepted);
    button.click();
    await vi.waitFor(() => expect(toasts(alert)).toContain('Provisioning started'));
    const failedAgain = application({ status: 'partial', attempt: 2, version: 8, error: 'stage: Connection timeout' });
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: failedAgain }, 'e2');
    await vi.waitFor(() => expect(toasts(alert)).toContain('payments-service: provisioning partly failed — stage: Connection timeout'));
  });

  test('status changes of runs this widget did not start raise no toast', async () => {
    const { alert, gateway } = await modalWith(accepted);
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: application({ status: 'failed', attempt: 2, version: 8 }) }, 'e2');
    await vi.waitFor(() => expect(alert.store.get('payments-service').status).toBe('failed'));
    expect(toasts(alert)).toEqual([]);
  });
});
