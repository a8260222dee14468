import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  $,
  $$,
  announcedText,
  application,
  cleanup,
  environment,
  iconNames,
  issues,
  mountWithSnapshot,
  openModal,
  press,
  retryButton,
  section,
} from './fixtures.js';

const active = (alert) => alert.shadowRoot.activeElement;
const environmentLines = (alert, name) => [...section(alert, name).querySelectorAll('li.env')].map(announcedText);
const badgeText = (alert, name) => section(alert, name).querySelector('provisioning-status-badge').shadowRoot.textContent;

describe('provisioning details modal', () => {
  afterEach(() => cleanup());

  test('opens as a labelled modal dialog and takes focus', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    const dialog = openModal(alert);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect($(alert, `#${dialog.getAttribute('aria-labelledby')}`).textContent).toBe('Provisioning Issues');
    expect(active(alert)).toBe(dialog);
  });

  test('a deleted application shows its deprovisioning, and a member gets no retry for it', async () => {
    const leftover = application({
      applicationId: 'old-api',
      name: 'old-api',
      status: 'deprovisioning_failed',
      environments: [
        { environment: 'dev', status: 'deprovisioned', message: 'Deprovisioned' },
        { environment: 'stage', status: 'failed', reason: 'ConnectionRefused', message: 'Connection refused' },
      ],
    });
    const { alert } = await mountWithSnapshot([leftover]);
    openModal(alert);
    expect(badgeText(alert, 'old-api')).toContain('Deprovisioning Failed');
    expect(environmentLines(alert, 'old-api')).toEqual([
      '[deprovisioned] dev: Deprovisioned',
      '[failed] stage: Connection refused',
    ]);
    expect(retryButton(alert, 'old-api').hidden).toBe(true);
  });

  test('lists each application with its status and per-environment breakdown', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    openModal(alert);
    expect(section(alert, 'payments-service').querySelector('h3').textContent).toBe('payments-service');
    expect(badgeText(alert, 'payments-service')).toContain('Partial Failure');
    expect(environmentLines(alert, 'payments-service')).toEqual([
      '[succeeded] dev: Provisioned successfully',
      '[failed] stage: Connection refused',
      '[succeeded] prod: Provisioned successfully',
    ]);
  });

  test('marks each environment with an icon of its own shape, not colour alone', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    openModal(alert);
    expect(iconNames(section(alert, 'payments-service').querySelector('ul.envs'))).toEqual(['success', 'failure', 'success']);
  });

  test('shows environments still waiting or running with the progress icon', async () => {
    const running = application({
      applicationId: 'orders-api',
      name: 'orders-api',
      status: 'in_progress',
      attempt: 2,
      environments: [environment('dev', 'in_progress'), environment('stage', 'pending', 'Waiting to be provisioned')],
    });
    const { alert } = await mountWithSnapshot([running]);
    openModal(alert);
    expect(environmentLines(alert, 'orders-api')).toEqual(['[in progress] dev: Provisioning', '[pending] stage: Waiting to be provisioned']);
    expect(iconNames(section(alert, 'orders-api').querySelector('ul.envs'))).toEqual(['progress', 'progress']);
    expect(badgeText(alert, 'orders-api')).toContain('Retrying…');
  });

  test('offers Retry Provisioning and Contact Support for each application', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    openModal(alert);
    expect(retryButton(alert).textContent).toBe('Retry Provisioning');
    const support = section(alert, 'payments-service').querySelector('a.support');
    expect(support.textContent).toBe('Contact Support');
    expect(support.getAttribute('href')).toBe('mailto:support@example.com');
  });

  test('Escape closes it and focus returns to View Details', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    const dialog = openModal(alert);
    retryButton(alert).focus();
    press(retryButton(alert), 'Escape');
    expect(dialog.closest('.overlay').hidden).toBe(true);
    expect(active(alert)).toBe($(alert, '.details'));
  });

  test('the close button closes it', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    const dialog = openModal(alert);
    $(alert, '.close').click();
    expect(dialog.closest('.overlay').hidden).toBe(true);
  });

  test('Tab from the last control wraps to the first, Shift+Tab from the first to the last', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    openModal(alert);
    const close = $(alert, '.close');
    const support = section(alert, 'payments-service').querySelector('a.support');
    support.focus();
    const forward = press(support, 'Tab');
    expect(forward.defaultPrevented).toBe(true);
    expect(active(alert)).toBe(close);
    const backward = press(close, 'Tab', { shiftKey: true });
    expect(backward.defaultPrevented).toBe(true);
    expect(active(alert)).toBe(support);
  });

  test('Tab between inner controls is left to the browser', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    openModal(alert);
    const close = $(alert, '.close');
    close.focus();
    expect(press(close, 'Tab').defaultPrevented).toBe(false);
  });

  test('Shift+Tab from the dialog itself stays inside it', async () => {
    const { alert } = await mountWithSnapshot([application()]);
    const dialog = openModal(alert);
    press(dialog, 'Tab', { shiftKey: true });
    expect(dialog.contains(active(alert))).toBe(true);
  });

  test('updates live while open, keeping focus on the retry button', async () => {
    const { alert, gateway } = await mountWithSnapshot([application()]);
    openModal(alert);
    const button = retryButton(alert);
    button.focus();
    const fixed = application({
      status: 'failed',
      version: 6,
      environments: [environment('dev', 'failed', 'Connection timeout'), environment('stage', 'failed', 'Connection refused')],
    });
    gateway.lastStream.send('status', { applicationId: 'payments-service', application: fixed }, 'e2');
    await vi.waitFor(() => expect(environmentLines(alert, 'payments-service')[0]).toBe('[failed] dev: Connection timeout'));
    expect(badgeText(alert, 'payments-service')).toContain('Failed');
    expect(retryButton(alert)).toBe(button);
    expect(active(alert)).toBe(button);
  });

  test('lists several applications in name order', async () => {
    const { alert } = await mountWithSnapshot([
      application({ applicationId: 'z', name: 'zeta' }),
      application({ applicationId: 'a', name: 'alpha', status: 'failed' }),
    ]);
    openModal(alert);
    expect($$(alert, 'section.app h3').map((h) => h.textContent)).toEqual(['alpha', 'zeta']);
  });

  test('says so when nothing is left to show', async () => {
    const { alert, gateway } = await mountWithSnapshot([application()]);
    openModal(alert);
    gateway.lastStream.send('snapshot', issues([]), 'e9');
    await vi.waitFor(() => expect($(alert, '.empty').hidden).toBe(false));
    expect($$(alert, 'section.app')).toHaveLength(0);
  });
});

describe('<provisioning-status-badge>', () => {
  afterEach(() => cleanup());

  test.each([
    ['partial', 1, 'Partial Failure', 'warning'],
    ['failed', 1, 'Failed', 'failure'],
    ['in_progress', 1, 'In Progress', 'progress'],
    ['in_progress', 2, 'Retrying…', 'progress'],
    ['pending', 1, 'Pending', 'pending'],
    ['completed', 1, 'Completed', 'success'],
  ])('%s (attempt %i) reads "%s" beside the %s icon, not colour alone', (status, attempt, text, shape) => {
    const badge = document.createElement('provisioning-status-badge');
    badge.setAttribute('status', status);
    badge.setAttribute('attempt', String(attempt));
    document.body.append(badge);
    expect(badge.shadowRoot.querySelector('.badge').textContent).toBe(text);
    expect(iconNames(badge.shadowRoot)).toEqual([shape]);
  });

  test('its icon is decoration beside the words, hidden from screen readers', () => {
    const badge = document.createElement('provisioning-status-badge');
    badge.setAttribute('status', 'failed');
    document.body.append(badge);
    expect(badge.shadowRoot.querySelector('svg.icon').getAttribute('aria-hidden')).toBe('true');
  });

  test('keeps one icon when its status changes', () => {
    const badge = document.createElement('provisioning-status-badge');
    badge.setAttribute('status', 'in_progress');
    document.body.append(badge);
    badge.setAttribute('status', 'completed');
    expect(iconNames(badge.shadowRoot)).toEqual(['success']);
  });
});
