/** The API client for the whole app, and one hook that loads an endpoint with retry. */

import { createContext, startTransition, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

import { ApiError, toApiError, type ApiClient, type RuntimeConfig } from "../api/client";

export interface Api {
  client: ApiClient;
  config: RuntimeConfig;
}

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApiContext(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApiContext needs an <ApiProvider>");
  return api;
}

export type Load<T> =
  | { status: "loading" }
  | { status: "ok"; data: T }
  /** The API answered 404: nothing stored yet (the message says why). */
  | { status: "empty"; error: ApiError }
  | { status: "error"; error: ApiError };

export interface Loaded<T> {
  load: Load<T>;
  retry: () => void;
}

/** Fetch on mount and whenever `key` changes; a newer request aborts the older one. */
export function useEndpoint<T>(
  key: string,
  fetcher: (client: ApiClient, signal: AbortSignal) => Promise<T>,
): Loaded<T> {
  const { client } = useApiContext();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; attempt: number; load: Load<T> }>({
    key,
    attempt,
    load: { status: "loading" },
  });

  useEffect(() => {
    const controller = new AbortController();
    setState({ key, attempt, load: { status: "loading" } });
    fetcher(client, controller.signal).then(
      (data) => {
        // A transition: React renders the charts of the answer in slices, yielding to input
        // between them, instead of one long task that blocks the page.
        if (!controller.signal.aborted) startTransition(() => setState({ key, attempt, load: { status: "ok", data } }));
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        const error = toApiError(reason);
        setState({ key, attempt, load: { status: error.isEmpty ? "empty" : "error", error } });
      },
    );
    return () => controller.abort();
    // `fetcher` is a new closure each render; `key` names what it fetches.
  }, [client, key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key && state.attempt === attempt;
  return { load: current ? state.load : { status: "loading" }, retry };
}
