import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  $,
  API_BASE,
  application,
  banner,
  bannerText,
  cleanup,
  fakeGateway,
  iconNames,
  flush,
  issues,
  ISSUES_PATH,
  json,
  mountAlert,
  mountWithSnapshot,
  problem,
  STREAM_PATH,
  workspaceGateway,
  WORKSPACE,
} from './fixtures.js';

const failed = (id) => application({ applicationId: id, name: id, status: 'failed' });

describe('<provisioning-alert> banner', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  test('is hidden when no application has issues', async () => {
    const { alert } = await mountWithSnapshot([]);
    expect(banner(alert).hidden).toBe(true);
  });

  test('says "1 application has provisioning issues" for one', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    expect(banner(alert).hidden).toBe(false);
    expect(bannerText(alert)).toBe('1 application has provisioning issues');
    expect($(alert, '.details').textContent).toBe('View Details');
  });

  test('puts a warning icon before the words, hidden from screen readers that read the words', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    expect(iconNames($(alert, '.banner .message'))).toEqual(['warning']);
    expect($(alert, '.banner .message svg.icon').getAttribute('aria-hidden')).toBe('true');
  });

  test('says "3 applications have provisioning issues" for three', async () => {
    const { alert } = await mountWithSnapshot([failed('a'), failed('b'), application()]);
    expect(bannerText(alert)).toBe('3 applications have provisioning issues');
  });

  test('follows the count the stream reports', async () => {
    const { alert, gateway } = await mountWithSnapshot([application()]);
    gateway.lastStream.send('summary', { count: 2 }, 'e2');
    await vi.waitFor(() => expect(bannerText(alert)).toBe('2 applications have provisioning issues'));
    gateway.lastStream.send('summary', { count: 0 }, 'e3');
    await vi.waitFor(() => expect(banner(alert).hidden).toBe(true));
  });

  test('shows the list loaded before the stream delivers', async () => {
    const gateway = workspaceGateway([application(), failed('orders-api')]);
    const alert = await mountAlert(gateway);
    await vi.waitFor(() => expect(bannerText(alert)).toBe('2 applications have provisioning issues'));
    const [list] = gateway.requestsTo('GET', ISSUES_PATH);
    expect(list.headers.get('Authorization')).toBe('Bearer token-alice');
  });

  test('stays hidden, without an error, when fetching fails', async () => {
    const gateway = fakeGateway().on('GET', ISSUES_PATH, () => Promise.reject(new TypeError('Failed to fetch'))).stream();
    gateway.streamResponses.push(() => Promise.reject(new TypeError('Failed to fetch')));
    const alert = await mountAlert(gateway);
    await vi.waitFor(() => expect(alert.stream.status).toBe('reconnecting'));
    expect(banner(alert).hidden).toBe(true);
    expect($(alert, '.notice').hidden).toBe(true);
  });

  test('can be dismissed for the session', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    $(alert, '.dismiss').click();
    expect(banner(alert).hidden).toBe(true);
    alert.remove();
    const { alert: again } = await mountWithSnapshot([application()]);
    expect(banner(again).hidden).toBe(true);
  });

  test('comes back after dismissal when more applications get issues', async () => {
    const { alert, gateway } = await mountWithSnapshot([application()]);
    $(alert, '.dismiss').click();
    gateway.lastStream.send('summary', { count: 2 }, 'e2');
    await vi.waitFor(() => expect(banner(alert).hidden).toBe(false));
  });

  test('401 on the stream stops it and says the session expired', async () => {
    const gateway = workspaceGateway([application()]);
    gateway.streamResponses.push(() => problem(401, 'token expired'));
    const alert = await mountAlert(gateway);
    await vi.waitFor(() => expect($(alert, '.notice').textContent).toBe('Provisioning status: Session expired — sign in again'));
    expect($(alert, '.notice').hidden).toBe(false);
    expect(banner(alert).hidden).toBe(true);
    expect(gateway.requestsTo('GET', STREAM_PATH)).toHaveLength(1);
  });

  test('403 on the stream says not allowed', async () => {
    const gateway = workspaceGateway([]);
    gateway.streamResponses.push(() => problem(403, 'not a member'));
    const alert = await mountAlert(gateway);
    await vi.waitFor(() => expect($(alert, '.notice').textContent).toBe('Provisioning status: Not allowed'));
  });

  test('shows how fresh the data is, and when it is reconnecting', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T10:00:00Z') });
    const gateway = workspaceGateway([application()]);
    const alert = await mountAlert(gateway);
    await flush();
    gateway.lastStream.send('snapshot', issues([application()]), 'e1');
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect($(alert, '.banner .freshness').textContent).toBe('updated 5 s ago');
    gateway.lastStream.end();
    await flush();
    expect($(alert, '.banner .freshness').textContent).toBe('reconnecting…');
  });

  test('asks the token provider named by the token-provider attribute', async () => {
    vi.stubGlobal('provisioningToken', async () => 'token-from-global');
    const gateway = workspaceGateway([application()]);
    await mountAlert(gateway, { tokenProvider: null, attributes: { 'token-provider': 'provisioningToken' } });
    await vi.waitFor(() => expect(gateway.requestsTo('GET', STREAM_PATH)).toHaveLength(1));
    expect(gateway.requestsTo('GET', STREAM_PATH)[0].headers.get('Authorization')).toBe('Bearer token-from-global');
  });

  test('a tokenProvider set before the element was defined is still used', async () => {
    const gateway = workspaceGateway([application()]);
    vi.stubGlobal('fetch', gateway.fetch);
    const early = document.createElement('provisioning-alert-early');
    early.tokenProvider = async () => 'token-early';
    early.setAttribute('api-base', API_BASE);
    early.setAttribute('workspace', WORKSPACE);
    document.body.append(early);
    customElements.define('provisioning-alert-early', class extends customElements.get('provisioning-alert') {});
    await vi.waitFor(() => expect(gateway.requestsTo('GET', STREAM_PATH)).toHaveLength(1));
    expect(gateway.requestsTo('GET', STREAM_PATH)[0].headers.get('Authorization')).toBe('Bearer token-early');
  });

  test('reports status changes as provisioning-status-changed events', async () => {
    const { alert, gateway } = await mountWithSnapshot([application()]);
    const seen = [];
    document.addEventListener('provisioning-status-changed', (event) => seen.push(event.detail), { once: true });
    gateway.lastStream.send(
      'status',
      { applicationId: 'payments-service', application: application({ status: 'in_progress', attempt: 2, version: 5 }) },
      'e2',
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ applicationId: 'payments-service', status: 'in_progress', previousStatus: 'partial' });
    expect(alert.store.get('payments-service').attempt).toBe(2);
  });

  test('switching workspace starts over with the new workspace', async () => {
    const globex = application({ applicationId: 'billing', name: 'billing', workspaceId: 'globex', status: 'failed' });
    const gateway = workspaceGateway([application()])
      .on('GET', '/api/workspaces/globex/provisioning-issues', () => json({ workspaceId: 'globex', count: 1, applications: [globex] }))
      .stream('/api/workspaces/globex/provisioning-issues/stream');
    const alert = await mountAlert(gateway);
    await vi.waitFor(() => expect(gateway.streams).toHaveLength(1));
    alert.setAttribute('workspace', 'globex');
    await vi.waitFor(() => expect(alert.store.get('billing')).toBeDefined());
    expect(gateway.streams[0].aborted).toBe(true);
    expect(alert.store.get('payments-service')).toBeUndefined();
  });
});
