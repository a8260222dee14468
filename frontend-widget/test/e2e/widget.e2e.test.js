/**
 * The widget in Debian's Chromium against the REAL devstack (Kafka, Temporal, worker, status-view,
 * gateway, demo host page): nothing is stubbed. One story, in order: an application whose stage cluster
 * is down → alice's banner appears live → the modal's breakdown → a retry that fails again → stage
 * brought up → a retry that succeeds and clears the banner → the admin tab's filter and detail view.
 * Screenshots go to E2E_SCREENSHOTS_DIR.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../chromium.js';
import {
  applicationView, DEMO_URL, GATEWAY_URL, register, RUN, screenshotPath, stageRunning, stopStage, tokenFor, workspaceIssues,
} from './devstack.js';

// Provisioning runs, cluster starts and SSE delivery take seconds on a busy machine: wait generously.
const RUN_TIMEOUT = { timeout: 120_000, interval: 250 };
const UI_TIMEOUT = { timeout: 15_000, interval: 100 };

const payments = {
  applicationId: `payments-service-${RUN}`, name: 'Payments Service', workspaceId: 'acme', workspaceName: 'Acme Corp',
  environments: ['dev', 'stage', 'prod'],
};
// Two globex applications that stay broken, so the admin tab has a failed and a partial one to filter.
const ledger = {
  applicationId: `ledger-export-${RUN}`, name: 'Ledger Export', workspaceId: 'globex', workspaceName: 'Globex',
  environments: ['stage'],
};
const search = {
  applicationId: `search-indexer-${RUN}`, name: 'Search Indexer', workspaceId: 'globex', workspaceName: 'Globex',
  environments: ['dev', 'stage'],
};

let browser;
let page;
let adminToken;
let issuesBefore;
const pageErrors = [];

const banner = () => page.locator('provisioning-alert .banner');
const dialog = () => page.locator('provisioning-alert [role="dialog"]');
const section = (app) => page.locator(`provisioning-alert section.app[data-application-id="${app.applicationId}"]`);
const card = (app) => page.locator(`provisioning-admin-tab li.app[data-application-id="${app.applicationId}"]`);
const toasts = (host) => page.locator(`${host} .toast .message`).allTextContents();

/** What alice's <provisioning-alert> holds: stream state, banner count, and one application's status. */
function alertState(app) {
  return page.evaluate((id) => {
    const element = document.querySelector('provisioning-alert');
    const held = element.store.get(id);
    return { stream: element.stream.status, count: element.store.count, status: held?.status ?? null, attempt: held?.attempt ?? null };
  }, app.applicationId);
}

function bannerText(count) {
  return count === 1 ? '1 application has provisioning issues' : `${count} applications have provisioning issues`;
}

/**
 * The icons inside a locator as Chromium drew them: accessible name (null when decorative) and size in
 * CSS pixels. Inline SVG needs no emoji font, so a fresh Debian draws them as on any machine.
 */
function renderedIcons(locator) {
  return locator.locator('svg.icon').evaluateAll((icons) => icons.map((svg) => {
    const box = svg.getBoundingClientRect();
    return { name: svg.getAttribute('aria-label'), drawn: box.width >= 10 && box.height >= 10 };
  }));
}

/** Environment lines as a screen reader says them: the icon's name in brackets, then the words. */
function environmentLines(app) {
  return section(app).locator('li.env').evaluateAll((items) => items.map((item) => {
    const icon = item.querySelector('svg.icon[role="img"]');
    return `[${icon?.getAttribute('aria-label')}] ${item.textContent}`;
  }));
}

// Old toasts would satisfy the next wait for the same words: start every retry with none on screen.
function dismissToasts() {
  return page.evaluate(() => {
    for (const close of document.querySelector('provisioning-alert').shadowRoot.querySelectorAll('.toast button')) close.click();
  });
}

/** Remembers whether the retry button ever showed its spinner: the busy phase is short and must not be missed. */
function watchForSpinner(app) {
  return page.evaluate((id) => {
    const button = document.querySelector('provisioning-alert').shadowRoot
      .querySelector(`section.app[data-application-id="${id}"] button.retry`);
    window.spinnerSeen = false;
    const check = () => {
      if (button.getAttribute('aria-busy') === 'true' && button.querySelector('.spinner')) window.spinnerSeen = true;
    };
    new MutationObserver(check).observe(button, { childList: true, subtree: true, attributes: true });
  }, app.applicationId);
}

describe.skipIf(skipWithoutChromium('end-to-end tests'))('widget in Chromium against the real devstack', () => {
  beforeAll(async () => {
    adminToken = await tokenFor('admin');
    // Stage must be down for the first runs; a devstack reused from an earlier run may have it up.
    if (await stageRunning()) await stopStage();
    issuesBefore = (await workspaceIssues(await tokenFor('alice'), 'acme')).count;
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        console.log(`[page ${message.type()}] ${message.text()} (${message.location().url})`);
      }
    });
    await page.goto(DEMO_URL);
  });

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      await page?.screenshot({ path: screenshotPath(`failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`), fullPage: true });
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('the workspace banner appears live for alice when an application’s stage cluster is down', async () => {
    expect(await page.locator('#user').inputValue()).toBe('alice');
    await expect.poll(() => alertState(payments).then((state) => state.stream), UI_TIMEOUT).toBe('open');

    await Promise.all([payments, ledger, search].map((app) => register(adminToken, app)));

    await expect.poll(() => alertState(payments), RUN_TIMEOUT).toMatchObject({ status: 'partial', count: issuesBefore + 1 });
    await expect.poll(() => banner().isVisible(), UI_TIMEOUT).toBe(true);
    expect(await banner().locator('.message').textContent()).toBe(bannerText(issuesBefore + 1));
    expect(await renderedIcons(banner().locator('.message'))).toEqual([{ name: null, drawn: true }]);
    expect(await banner().locator('button.details').textContent()).toBe('View Details');
    await page.locator('section[aria-labelledby="workspace-title"]').screenshot({ path: screenshotPath('banner') });
  });

  test('View Details shows the application with dev succeeded, stage failed (Connection refused), prod succeeded', async () => {
    await banner().locator('button.details').click();
    await expect.poll(() => dialog().isVisible(), UI_TIMEOUT).toBe(true);
    expect(await dialog().locator('h2').textContent()).toBe('Provisioning Issues');
    expect(await section(payments).locator('h3').textContent()).toBe('Payments Service');
    expect(await section(payments).locator('provisioning-status-badge .label').textContent()).toBe('Partial Failure');
    expect(await environmentLines(payments)).toEqual([
      '[succeeded] dev: Provisioned successfully',
      '[failed] stage: Connection refused',
      '[succeeded] prod: Provisioned successfully',
    ]);
    expect(await renderedIcons(section(payments).locator('li.env'))).toEqual([
      { name: 'succeeded', drawn: true }, { name: 'failed', drawn: true }, { name: 'succeeded', drawn: true },
    ]);
    expect(await renderedIcons(section(payments).locator('provisioning-status-badge'))).toEqual([{ name: null, drawn: true }]);
    expect(await section(payments).locator('button.retry').textContent()).toBe('Retry Provisioning');
    expect(await section(payments).locator('a.support').getAttribute('href')).toMatch(/^mailto:/);
    await page.screenshot({ path: screenshotPath('modal') });
  });

  test('Retry while stage is still down: spinner, "Provisioning started", then the failure toast', async () => {
    await dismissToasts();
    await watchForSpinner(payments);
    await section(payments).locator('button.retry').click();

    await expect.poll(() => page.evaluate(() => window.spinnerSeen), UI_TIMEOUT).toBe(true);
    await expect.poll(() => toasts('provisioning-alert'), RUN_TIMEOUT).toContain('Provisioning started');
    expect(await renderedIcons(page.locator('provisioning-alert .toast').first())).toEqual([{ name: 'Information', drawn: true }]);
    await page.screenshot({ path: screenshotPath('modal-retrying') });
    await expect.poll(() => alertState(payments), RUN_TIMEOUT).toMatchObject({ status: 'partial', attempt: 2 });
    await expect.poll(() => toasts('provisioning-alert'), RUN_TIMEOUT).toContain(
      'Payments Service: provisioning partly failed — stage: Connection refused',
    );
    expect(await dialog().isVisible()).toBe(true);
    await expect.poll(() => section(payments).locator('button.retry').textContent(), UI_TIMEOUT).toBe('Retry Provisioning');
    expect(await section(payments).locator('button.retry').getAttribute('aria-disabled')).toBe('false');
  });

  test('the page\'s button brings the stage cluster up', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().isVisible(), UI_TIMEOUT).toBe(false);
    expect(await page.locator('#stage-toggle').textContent()).toBe('Bring stage up');
    await page.locator('#stage-toggle').click();
    await expect.poll(() => page.locator('#stage-state').textContent(), RUN_TIMEOUT).toBe('up');
  });

  test('Retry with stage up: success toast, the modal shows it completed and the banner disappears', async () => {
    await banner().locator('button.details').click();
    await expect.poll(() => dialog().isVisible(), UI_TIMEOUT).toBe(true);
    await dismissToasts();
    await section(payments).locator('button.retry').click();

    await expect.poll(() => toasts('provisioning-alert'), RUN_TIMEOUT).toContain('Provisioning started');
    await expect.poll(() => toasts('provisioning-alert'), RUN_TIMEOUT).toContain('Payments Service: provisioning completed');
    expect(await dialog().isVisible()).toBe(true);
    await expect.poll(() => section(payments).locator('provisioning-status-badge .label').textContent(), UI_TIMEOUT)
      .toBe('Completed');
    expect(await environmentLines(payments)).toEqual([
      '[succeeded] dev: Provisioned successfully',
      '[succeeded] stage: Provisioned successfully',
      '[succeeded] prod: Provisioned successfully',
    ]);
    await page.screenshot({ path: screenshotPath('modal-completed') });

    expect(await alertState(payments)).toMatchObject({ status: null, count: issuesBefore });
    await page.keyboard.press('Escape');
    await expect.poll(() => banner().isVisible(), UI_TIMEOUT).toBe(issuesBefore > 0);
  });

  test('the admin tab filters by status and shows the full error text and the workflow id', async () => {
    const admin = page.locator('provisioning-admin-tab');
    await dismissToasts();
    await expect.poll(() => card(ledger).count(), RUN_TIMEOUT).toBe(1);
    await expect.poll(() => card(search).locator('provisioning-status-badge .label').textContent(), RUN_TIMEOUT)
      .toBe('Partial Failure');
    await expect.poll(() => card(payments).count(), UI_TIMEOUT).toBe(0);
    expect(await card(ledger).locator('provisioning-status-badge .label').textContent()).toBe('Failed');
    expect(await card(ledger).locator('h3').textContent()).toBe('Ledger Export (Globex)');

    await admin.locator('select.filter').selectOption('failed');
    await expect.poll(() => card(search).count(), UI_TIMEOUT).toBe(0);
    expect(await card(ledger).count()).toBe(1);
    await admin.locator('select.filter').selectOption('partial');
    await expect.poll(() => card(ledger).count(), UI_TIMEOUT).toBe(0);
    expect(await card(search).count()).toBe(1);
    await admin.locator('select.filter').selectOption('');
    await expect.poll(() => card(ledger).count(), UI_TIMEOUT).toBe(1);
    await page.locator('section[aria-labelledby="admin-title"]').screenshot({ path: screenshotPath('admin-tab') });

    await card(search).locator('button.toggle').click();
    await expect.poll(() => card(search).locator('.detail').isVisible(), UI_TIMEOUT).toBe(true);
    expect(await card(search).locator('button.toggle').textContent()).toBe('Hide details');
    // The run's id as the system recorded it (it names the application and the registration's incarnation).
    const { workflowId } = await applicationView(adminToken, search.applicationId);
    expect(workflowId).toMatch(new RegExp(`^provisioning-${search.applicationId}-`));
    expect(await card(search).locator('code.workflow').textContent()).toBe(workflowId);
    expect(await card(search).locator('dd.error').textContent()).toBe('stage: Connection refused');
    const fullError = await card(search).locator('li.env.failed pre').textContent();
    expect(fullError).toContain(`Provisioning virtual cluster stage/globex.${search.applicationId} on the stage cluster at`);
    expect(fullError).toContain('java.net.ConnectException: Connection refused');
    expect(fullError).toMatch(/\n\tat /);
    await card(search).screenshot({ path: screenshotPath('admin-detail') });

    await card(search).locator('button.copy').click();
    await expect.poll(() => toasts('provisioning-admin-tab'), UI_TIMEOUT).toContain('Workflow ID copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(workflowId);
  });

  test('a page of another origin reads Location on a 201 and Retry-After on a 429', async () => {
    const id = `cross-origin-${RUN}`;
    const answers = await page.evaluate(async ({ gateway, admin, member, id }) => {
      const registered = await fetch(`${gateway}/api/applications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ applicationId: id, name: 'Cross origin', workspaceId: 'acme', workspaceName: 'Acme', environments: ['dev'] }),
      });
      // Retries are rate-limited per caller before anything else is looked at: an unknown id spends the allowance too.
      let limited = null;
      for (let sent = 0; sent < 200 && limited === null; sent++) {
        const retry = await fetch(`${gateway}/api/applications/${id}-unknown/provisioning/retry`, {
          method: 'POST', headers: { Authorization: `Bearer ${member}` },
        });
        if (retry.status === 429) limited = retry;
      }
      return {
        origin: window.location.origin,
        registered: registered.status,
        location: registered.headers.get('Location'),
        limited: limited?.status ?? null,
        retryAfter: limited?.headers.get('Retry-After') ?? null,
      };
    }, { gateway: GATEWAY_URL, admin: adminToken, member: await tokenFor('carol'), id });

    expect(answers.origin).not.toBe(new URL(GATEWAY_URL).origin);
    expect(answers.registered).toBe(201);
    expect(answers.location).toBe(`/api/applications/${id}/provisioning`);
    expect(answers.limited).toBe(429);
    expect(Number(answers.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  test('nothing failed inside the page', () => {
    expect(pageErrors.map(String)).toEqual([]);
  });
});
