import { defineConfig } from 'vite';

// One self-registering IIFE: it works from a plain <script> tag and from <script type="module">.
export default defineConfig({
  // ASCII-only output (emoji and dashes as \u escapes): the bundle then reads the same whatever charset
  // the serving side or the host page declares.
  esbuild: { charset: 'ascii' },
  build: {
    lib: {
      entry: 'src/index.js',
      name: 'ProvisioningWidget',
      formats: ['iife'],
      fileName: () => 'provisioning-widget.js',
    },
    target: 'es2022',
    reportCompressedSize: true,
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
    // Chromium tests have their own configs: vitest.browser.config.js (npm run test:browser) and
    // vitest.e2e.config.js (npm run test:e2e, against a running devstack).
    exclude: ['test/browser/**', 'test/e2e/**'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
