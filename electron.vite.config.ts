import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * echarts' minified build beside the main bundle: the offline backtest report inlines it (src/main/backtest/report.ts),
 * and a packaged app has no node_modules to find it in.
 */
function echartsForReports(): Plugin {
  return {
    name: 'echarts-for-reports',
    generateBundle() {
      const file = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
      this.emitFile({ type: 'asset', fileName: 'echarts.min.js', source: readFileSync(file, 'utf8') });
    },
  };
}

// The main bundle also runs headless under plain Node 20 (npm run serve, the CLI), so it targets Node 20.
export default defineConfig({
  main: {
    build: {
      target: 'node20',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli.ts'),
          // The backtest worker thread (src/main/backtest/pool.ts finds it beside the bundle).
          'backtest-worker': resolve('src/main/backtest/worker.ts'),
        },
      },
    },
    plugins: [echartsForReports()],
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { minify: true, rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react()],
  },
});
