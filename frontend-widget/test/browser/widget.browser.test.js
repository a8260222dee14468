import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, skipWithoutChromium } from '../chromium.js';
import { application, environment, issues } from '../sample-data.js';
import { startGatewayStandIn, TOKEN } from './gateway-stand-in.js';

const BUNDLE = new URL('../../dist/provisioning-widget.js', import.meta.url).pathname;

/** The icons inside a locator as drawn: class, accessible name or hidden, and rendered size in CSS pixels. */
function renderedIcons(locator) {
  return locator.locator('svg.icon').evaluateAll((icons) => icons.map((svg) => {
    const box = svg.getBoundingClientRect();
    return {
      shape: svg.getAttribute('class'), name: svg.getAttribute('aria-label'), hidden: svg.getAttribute('aria-hidden'),
      width: box.width, height: box.height,
    };
  }));
}

let gateway;
let browser;
let page;
let current = application();

describe.skipIf(skipWithoutChromium('browser tests'))('widget in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`build the bundle first (npm run build): ${BUNDLE} is missing`);
    gateway = await startGatewayStandIn({ bundlePath: BUNDLE, issues: () => issues([current]), application: () => current });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${gateway.origin}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  test('reads the stream with fetch and the bearer header, never a token in the URL', async () => {
    await expect.poll(() => gateway.streams.length).toBe(1);
    const stream = gateway.requests.find((request) => request.url.endsWith('/provisioning-issues/stream'));
    expect(stream.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(gateway.requests.every((request) => !request.url.includes(TOKEN))).toBe(true);
  });

  test('shows the banner from a streamed snapshot', async () => {
    gateway.send('snapshot', issues([current]), 'e1');
    await expect.poll(() => page.locator('provisioning-alert .banner .message').textContent()).toBe(
      '1 application has provisioning issues',
    );
  });

  test('draws its icons without any emoji font: the banner\'s warning at text size', async () => {
    const [warning] = await renderedIcons(page.locator('provisioning-alert .banner .message'));
    expect(warning).toMatchObject({ shape: 'icon icon-warning', hidden: 'true' });
    expect(warning.width).toBeGreaterThanOrEqual(10);
    expect(warning.height).toBeGreaterThanOrEqual(10);
  });

  test('the modal opens from the keyboard, traps Tab and returns focus on Escape', async () => {
    await page.locator('provisioning-alert .details').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('provisioning-alert [role="dialog"]').isVisible()).toBe(true);
    const environmentIcons = await renderedIcons(page.locator('provisioning-alert li.env'));
    expect(environmentIcons.map((icon) => icon.name)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(environmentIcons.every((icon) => icon.width >= 10 && icon.height >= 10)).toBe(true);
    mkdirSync('target', { recursive: true });
    await page.screenshot({ path: 'target/browser-modal.png' });
    const focused = () => page.evaluate(() => {
      const active = document.querySelector('provisioning-alert').shadowRoot.activeElement;
      return active?.className || active?.tagName;
    });
    const seen = [];
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen).toEqual(['close', 'retry', 'support', 'close', 'retry', 'support']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('provisioning-alert [role="dialog"]').isVisible()).toBe(false);
    expect(await focused()).toBe('details');
  });

  test('retry shows "Provisioning started", then the outcome when the stream reports it', async () => {
    await page.locator('provisioning-alert .details').click();
    await page.locator('provisioning-alert button.retry').click();
    await expect.poll(() => page.locator('provisioning-alert .toast .message').allTextContents()).toContain('Provisioning started');
    gateway.send('status', { applicationId: 'payments-service', application: { ...current, status: 'in_progress', attempt: 2, version: 5 } }, 'e2');
    current = application({
      status: 'completed', attempt: 2, version: 6, error: null,
      environments: ['dev', 'stage', 'prod'].map((name) => environment(name, 'succeeded', 'Provisioned successfully')),
    });
    gateway.send('status', { applicationId: 'payments-service', application: null }, 'e3');
    gateway.send('summary', { count: 0 }, 'e4');
    await expect.poll(() => page.locator('provisioning-alert .toast .message').allTextContents()).toContain(
      'payments-service: provisioning completed',
    );
    expect(await page.locator('provisioning-alert [role="dialog"]').isVisible()).toBe(true);
    await page.screenshot({ path: 'target/browser-after-retry.png' });
  });

  test('reconnects after the stream closes, resuming from Last-Event-ID', async () => {
    gateway.closeStreams();
    await expect.poll(() => gateway.streams.length, { timeout: 5000 }).toBe(1);
    const reconnect = gateway.requests.filter((request) => request.url.endsWith('/stream')).at(-1);
    expect(reconnect.headers['last-event-id']).toBe('e4');
  });
});
