/** Render with an API whose answers come from a table (recorded real answers in fixtures/). */

import { render } from "@testing-library/react";
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { AxiosError } from "axios";
import type { ReactElement } from "react";

import { createClient } from "../api/client";
import { ApiProvider } from "../hooks/api";

export interface Answer {
  status: number;
  body: unknown;
}

/** path (with the query string, e.g. "/measurements?range=day") -> answer. */
export type Routes = Record<string, Answer | (() => Answer)>;

export function routeAdapter(routes: Routes, seen: string[] = []): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig) => {
    const query = new URLSearchParams(config.params as Record<string, string>).toString();
    const key = `${config.url}${query ? `?${query}` : ""}`;
    seen.push(key);
    const found = routes[key];
    const answer: Answer = typeof found === "function" ? found() : (found ?? { status: 404, body: { error: "no_such_path", message: `no endpoint ${config.url}; see /docs` } });
    const response: AxiosResponse = { data: answer.body, status: answer.status, statusText: "", headers: {}, config };
    if (answer.status >= 400) {
      throw new AxiosError(`Request failed with status code ${answer.status}`, "ERR_BAD_RESPONSE", config, null, response);
    }
    return response;
  };
}

export function renderWithApi(ui: ReactElement, routes: Routes, seen: string[] = []) {
  const config = { apiBaseUrl: "" };
  const client = createClient(config, { adapter: routeAdapter(routes, seen) });
  return render(<ApiProvider api={{ client, config }}>{ui}</ApiProvider>);
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
