/** Render with an API whose answers come from a table (recorded real answers in fixtures/). */

import { render } from "@testing-library/react";
import type { ReactElement } from "react";

import { createClient } from "../api/client";
import { ApiProvider } from "../hooks/api";

export interface Answer {
  status: number;
  body: unknown;
}

/** path (with the query string, e.g. "/measurements?range=day") -> answer. */
export type Routes = Record<string, Answer | (() => Answer)>;

/** A fetch that answers from `routes` (404 with the API's error body for any other path),
 * recording each path asked in `seen`. */
export function routeFetch(routes: Routes, seen: string[] = []): typeof fetch {
  return async (input) => {
    const url = new URL(String(input), "http://dashboard.test");
    const key = `${url.pathname}${url.search}`;
    seen.push(key);
    const found = routes[key];
    const answer: Answer =
      typeof found === "function"
        ? found()
        : (found ?? { status: 404, body: { error: "no_such_path", message: `no endpoint ${url.pathname}; see /docs` } });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": "application/json" },
    });
  };
}

export function renderWithApi(ui: ReactElement, routes: Routes, seen: string[] = []) {
  const config = { apiBaseUrl: "" };
  const client = createClient(config, { fetcher: routeFetch(routes, seen) });
  return render(<ApiProvider api={{ client, config }}>{ui}</ApiProvider>);
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
