import { defineConfig } from 'vitest/config';

// End-to-end tests: the widget as the devstack's gateway serves it, in Chromium, against the real system.
// Needs a running devstack (E2E_DEMO_URL, E2E_GATEWAY_URL; WidgetInChromiumEndToEndTest starts one) and
// /usr/bin/chromium (or CHROMIUM_PATH). The tests of the one file are one story and run in order.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.js'],
    testTimeout: 300000,
    hookTimeout: 120000,
    bail: 1,
  },
});
