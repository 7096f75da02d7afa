/** Start-up: read config.json (the API base URL of this deployment), then render. */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { createClient, loadConfig } from "./api/client";
import { App, preloadView } from "./App";
import { ApiProvider } from "./hooks/api";
import "./index.css";
import { parsePlace } from "./lib/location";

const root = createRoot(document.getElementById("root")!);

preloadView(parsePlace(window.location.search).view);

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ApiProvider api={{ client: createClient(config), config }}>
          <App />
        </ApiProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <div role="alert" className="m-8 rounded-lg border border-red-200 bg-red-50 p-6 text-red-800">
        <p className="font-semibold">The dashboard cannot start</p>
        <p className="mt-1 text-sm">
          Its configuration (config.json) could not be read: {error instanceof Error ? error.message : String(error)}.
        </p>
        <button type="button" className="mt-3 rounded bg-red-700 px-3 py-1.5 text-sm text-white" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>,
    ),
);
