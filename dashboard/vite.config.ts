/// <reference types="vitest/config" />
// Build to dist/ (served by `gridla serve`, or S3 + CloudFront); Vitest runs in jsdom.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// `npm run dev` proxies the API to a running `gridla serve` (GRIDLA_API, default :8000).
const api = process.env.GRIDLA_API ?? "http://127.0.0.1:8000";
const CHART_MODULES = /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|internmap|decimal\.js-light|es-toolkit|immer|reselect|@reduxjs|redux|redux-thunk|react-redux|eventemitter3|tiny-invariant|use-sync-external-store|clsx)[\\/]/;
const apiPaths = ["/measurements", "/status", "/predictions", "/analysis", "/clustering", "/runs"];

/** Marks every chunk but the entry for V8 to compile all its functions eagerly, on a background
 * thread while the chunk loads, instead of each on its first call on the main thread (Chrome's
 * explicit compile hints): compiling Recharts was most of a view's first chart draw. Not the
 * entry: its compile is on the way to the first paint (marked, the first paint came later). */
function compileHints(): Plugin {
  return {
    name: "gridla-compile-hints",
    apply: "build",
    // On the written files: Vite prepends its preload helper to a chunk that imports others
    // after every plugin's generateBundle, and the hint must be a file's first line.
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk" || chunk.isEntry) continue;
        const file = join(options.dir ?? "dist", chunk.fileName);
        writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, "utf8")}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), compileHints()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // Recharts and its d3 helpers in one chunk that every view with a chart shares and the
      // browser keeps cached across views and releases of the dashboard's own code.
      output: {
        codeSplitting: { groups: [{ name: "recharts", test: CHART_MODULES, includeDependenciesRecursively: false }] },
      },
    },
  },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, api])) },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    env: { TZ: "UTC" },
    // The slowest test renders the whole app and imports its lazy views in jsdom: up to 26 s
    // on a shared, loaded 2-core machine (5 s is Vitest's default).
    testTimeout: 60_000,
  },
});
