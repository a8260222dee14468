import { defineConfig } from 'vitest/config';

// Real-browser tests: the built bundle in Chromium against a local stand-in gateway (real fetch streaming,
// real focus). Needs /usr/bin/chromium (or CHROMIUM_PATH); run with `npm run test:browser`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/browser/**/*.browser.test.js'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
