/**
 * Debian's Chromium for the real-browser suites (browser and e2e), driven by playwright-core: never a
 * downloaded browser. A developer machine without Chromium skips those suites loudly; CI (CI=true)
 * installs Chromium and never skips.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// headless: true adds --headless; every launch gets a fresh, temporary user-data dir from playwright.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const missing = !existsSync(CHROMIUM);

/** True when the suite must be skipped: no Chromium here, and not on CI. */
export function skipWithoutChromium(suite) {
  const skip = missing && process.env.CI !== 'true';
  if (skip) {
    console.warn(`SKIPPED ${suite}: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  return skip;
}

export async function launchChromium() {
  if (missing) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
