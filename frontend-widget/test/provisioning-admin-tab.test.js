import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  $,
  $$,
  adminGateway,
  ADMIN_ISSUES_PATH,
  ADMIN_STREAM_PATH,
  cleanup,
  fullApplication,
  json,
  mountAdminWithSnapshot,
  problem,
  RETRY_FAILED_PATH,
  retryPath,
  toasts,
} from './fixtures.js';

const partial = fullApplication();
const failed = fullApplication({ applicationId: 'orders-api', name: 'orders-api', workspaceName: 'Globex', status: 'failed', attempt: 3 });
const pending = fullApplication({ applicationId: 'audit-log', name: 'audit-log', status: 'pending', error: null, attempt: 0 });

const card = (tab, name) => $$(tab, 'li.app').find((item) => item.getAttribute('aria-label') === name);
const names = (tab) => $$(tab, 'li.app .name').map((name) => name.textContent);

describe('<provisioning-admin-tab>', () => {
  afterEach(() => cleanup());

  test('loads every non-completed application from the admin list and stream', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([partial, failed, pending]);
    expect(names(tab)).toEqual(['audit-log', 'orders-api', 'payments-service']);
    const [list] = gateway.requestsTo('GET', ADMIN_ISSUES_PATH);
    expect(list.query.get('status')).toBe('failed,partial,in_progress,pending,deprovisioning,deprovisioning_failed');
    expect(gateway.requestsTo('GET', ADMIN_STREAM_PATH)[0].headers.get('Authorization')).toBe('Bearer token-admin');
  });

  test('shows workspace, status, last error, workflow id and age for each application', async () => {
    const { tab } = await mountAdminWithSnapshot([failed]);
    const item = card(tab, 'orders-api');
    expect(item.querySelector('h3').textContent).toBe('orders-api (Globex)');
    expect(item.querySelector('provisioning-status-badge').getAttribute('status')).toBe('failed');
    expect(item.querySelector('.last-error').textContent).toBe('Last error: stage: Connection refused');
    expect(item.querySelector('.meta').textContent).toMatch(/^Workflow: provisioning-orders-api \| \d+ (s|min|h|d) ago$/);
  });

  test('filters by status', async () => {
    const { tab } = await mountAdminWithSnapshot([partial, failed, pending]);
    const filter = $(tab, 'select.filter');
    filter.value = 'failed';
    filter.dispatchEvent(new Event('change'));
    expect(names(tab)).toEqual(['orders-api']);
    filter.value = 'pending';
    filter.dispatchEvent(new Event('change'));
    expect(names(tab)).toEqual(['audit-log']);
    filter.value = '';
    filter.dispatchEvent(new Event('change'));
    expect(names(tab)).toHaveLength(3);
  });

  test('the detail view shows the full error text, stack trace and per-environment history', async () => {
    const { tab } = await mountAdminWithSnapshot([partial]);
    const item = card(tab, 'payments-service');
    const toggle = item.querySelector('.toggle');
    expect(item.querySelector('.detail').hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide details');
    expect(item.querySelector('.detail').hidden).toBe(false);
    expect(item.querySelector('code.workflow').textContent).toBe('provisioning-payments-service');
    expect(item.querySelector('.last-attempt').textContent).toContain('(attempt 1)');
    const stage = [...item.querySelectorAll('li.env')].find((env) => env.querySelector('.env-name').textContent === 'stage');
    expect(stage.querySelector('.env-message').textContent).toBe('Connection refused (ConnectionRefused)');
    expect(stage.querySelector('pre').textContent).toContain('at java.base/sun.nio.ch.Net.pollConnect');
    expect(stage.querySelector('ol.history').textContent).toMatch(/^attempt 0: pending — Waiting to be provisioned \(.+\)$/);
  });

  test('every time in the detail view reads in one format, the viewer\'s locale, with the exact UTC time on hover', async () => {
    const { tab } = await mountAdminWithSnapshot([partial]);
    const times = [...card(tab, 'payments-service').querySelectorAll('.detail time')];
    const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (const time of times) {
      expect(time.textContent).toBe(local.format(new Date(time.dateTime)));
      expect(time.title).toBe(`${time.dateTime.slice(0, 19).replace('T', ' ')} UTC`);
    }
    const history = card(tab, 'payments-service').querySelector('ol.history time');
    expect([history.dateTime, history.title]).toEqual(['2026-11-27T09:00:00.000Z', '2026-11-27 09:00:00 UTC']);
  });

  test('copies the workflow id', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { tab } = await mountAdminWithSnapshot([partial]);
    card(tab, 'payments-service').querySelector('.copy').click();
    await vi.waitFor(() => expect(toasts(tab)).toEqual(['Workflow ID copied']));
    expect(writeText).toHaveBeenCalledWith('provisioning-payments-service');
  });

  test('retries one application from its detail view', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([partial]);
    gateway.on('POST', retryPath('payments-service'), () => json({ applicationId: 'payments-service', commandId: 'c1' }, { status: 202 }));
    card(tab, 'payments-service').querySelector('button.retry').click();
    await vi.waitFor(() => expect(toasts(tab)).toEqual(['Provisioning started']));
  });

  test('a deleted application whose deprovisioning failed shows it, and its retry deletes it again', async () => {
    const leftover = fullApplication({ applicationId: 'old-api', name: 'old-api', status: 'deprovisioning_failed' });
    const { tab, gateway } = await mountAdminWithSnapshot([leftover]);
    gateway.on('DELETE', '/api/applications/old-api', () => json({ applicationId: 'old-api' }, { status: 202 }));
    const item = card(tab, 'old-api');
    expect(item.querySelector('provisioning-status-badge').getAttribute('status')).toBe('deprovisioning_failed');
    const retry = item.querySelector('button.retry');
    expect(retry.textContent).toBe('Retry Deprovisioning');

    retry.click();

    await vi.waitFor(() => expect(gateway.requestsTo('DELETE', '/api/applications/old-api')).toHaveLength(1));
    expect(gateway.requestsTo('POST', retryPath('old-api'))).toHaveLength(0);
    await vi.waitFor(() => expect(toasts(tab)).toContain('Deprovisioning started'));
  });

  test('an application being deprovisioned has a busy button and its own filter', async () => {
    const leaving = fullApplication({ applicationId: 'old-api', name: 'old-api', status: 'deprovisioning' });
    const { tab, gateway } = await mountAdminWithSnapshot([partial, leaving]);
    expect(card(tab, 'old-api').querySelector('button.retry').getAttribute('aria-busy')).toBe('true');
    expect(gateway.requestsTo('GET', ADMIN_ISSUES_PATH)[0].query.get('status')).toContain('deprovisioning');
    const filter = $(tab, 'select.filter');
    filter.value = 'deprovisioning';
    filter.dispatchEvent(new Event('change'));
    expect(names(tab)).toEqual(['old-api']);
  });

  test('Retry All Failed posts the bulk retry and reports it', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([failed]);
    gateway.on('POST', RETRY_FAILED_PATH, () => json({ queued: ['orders-api'], skipped: [] }, { status: 202 }));
    $(tab, '.retry-all').click();
    await vi.waitFor(() => expect(toasts(tab)).toEqual(['Provisioning started for 1 failed application']));
    expect(gateway.requestsTo('POST', RETRY_FAILED_PATH)[0].headers.get('Authorization')).toBe('Bearer token-admin');
  });

  test('Retry All Failed says how many applications it skipped', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([failed]);
    gateway.on('POST', RETRY_FAILED_PATH, () => json({
      queued: ['a', 'b'],
      skipped: [{ applicationId: 'c', reason: 'not-retryable' }],
    }, { status: 202 }));
    $(tab, '.retry-all').click();
    await vi.waitFor(() => expect(toasts(tab)).toEqual(['Provisioning started for 2 failed applications; 1 skipped']));
  });

  test('a rejected Retry All Failed says why', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([failed]);
    gateway.on('POST', RETRY_FAILED_PATH, () => problem(429, 'slow down', { headers: { 'Retry-After': '30' } }));
    $(tab, '.retry-all').click();
    await vi.waitFor(() => expect(toasts(tab)).toEqual(['Too many retries — try again in 30 s']));
  });

  test('Refresh reconnects for a fresh snapshot, keeping the list on screen meanwhile', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([partial, failed]);
    $(tab, '.refresh').click();
    await vi.waitFor(() => expect(gateway.streams).toHaveLength(2));
    expect(gateway.streams[0].aborted).toBe(true);
    expect(gateway.requestsTo('GET', ADMIN_STREAM_PATH)[1].headers.has('Last-Event-ID')).toBe(false);
    expect(names(tab)).toHaveLength(2);
    gateway.lastStream.send('snapshot', { count: 1, applications: [failed] }, 'a9');
    await vi.waitFor(() => expect(names(tab)).toEqual(['orders-api']));
  });

  test('applications leave the list live when they complete', async () => {
    const { tab, gateway } = await mountAdminWithSnapshot([partial, failed]);
    gateway.lastStream.send('status', { applicationId: 'orders-api', application: null }, 'a2');
    await vi.waitFor(() => expect(names(tab)).toEqual(['payments-service']));
  });

  test('a non-admin is told "Not allowed"', async () => {
    const gatewayWith403 = adminGateway([]);
    gatewayWith403.streamResponses.push(() => problem(403, 'admins only'));
    vi.stubGlobal('fetch', gatewayWith403.fetch);
    const tab = document.createElement('provisioning-admin-tab');
    tab.setAttribute('api-base', 'http://gateway.test');
    document.body.append(tab);
    await vi.waitFor(() => expect($(tab, '.notice').textContent).toBe('Provisioning status: Not allowed'));
    expect($(tab, '.empty').hidden).toBe(true);
  });
});
