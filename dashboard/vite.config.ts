/// <reference types="vitest/config" />
// Build to dist/ (served by `gridla serve`, or S3 + CloudFront); Vitest runs in jsdom.
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` proxies the API to a running `gridla serve` (GRIDLA_API, default :8000).
const api = process.env.GRIDLA_API ?? "http://127.0.0.1:8000";
const apiPaths = ["/measurements", "/status", "/predictions", "/analysis", "/clustering", "/runs"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: Object.fromEntries(apiPaths.map((path) => [path, api])) },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    env: { TZ: "UTC" },
    // The slowest test renders the whole app in jsdom: 15 s on a shared 2-core CI machine.
    testTimeout: 30_000,
  },
});
