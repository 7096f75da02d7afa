/** The API client: the browser's fetch against the base URL of the runtime config.json, every
 * failure as an ApiError (the platform's fetch, not a library: one less module to load and run
 * before a view's first request). */

import type { ApiErrorBody } from "./types";

/** What went wrong, in words for the error panel. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came (network, CORS, timeout). */
    readonly status: number,
    /** The API's error code ("not_found", "invalid_request"), or "network". */
    readonly code: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** A 404 of the API: nothing stored yet, or an endpoint this deployment lacks. */
  get isEmpty(): boolean {
    return this.status === 404;
  }
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as ApiErrorBody).error === "string" &&
    typeof (data as ApiErrorBody).message === "string"
  );
}

/** Any failure as an ApiError (one already is, or a thrown value in words). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(message, 0, "unexpected", "");
}

/** ms: how long a request may take before it fails as "timeout". */
const TIMEOUT_MS = 30_000;

export interface RuntimeConfig {
  /** "" = the same origin as the page (gridla serve); else e.g. "https://api.example.com/prod". */
  apiBaseUrl: string;
}

/** Read config.json beside index.html, so one build serves every environment. */
export async function loadConfig(fetcher: typeof fetch = fetch): Promise<RuntimeConfig> {
  const answer = await fetcher("config.json", { cache: "no-cache" });
  if (!answer.ok) throw new Error(`config.json answered ${answer.status}`);
  const body: unknown = await answer.json();
  const base = (body as Partial<RuntimeConfig> | null)?.apiBaseUrl;
  if (typeof base !== "string") throw new Error("config.json has no string apiBaseUrl");
  return { apiBaseUrl: base.replace(/\/+$/, "") };
}

export interface ApiClient {
  /** "" (the page's origin) or an absolute base URL without a trailing slash. */
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export function createClient(
  config: RuntimeConfig,
  { fetcher = fetch, timeoutMs = TIMEOUT_MS }: { fetcher?: typeof fetch; timeoutMs?: number } = {},
): ApiClient {
  // Bound: called as a method of the client, the browser's fetch would throw "Illegal invocation".
  return { baseUrl: config.apiBaseUrl, fetch: (input, init) => fetcher(input, init), timeoutMs };
}

/** GET `path` with `params` as JSON; a 4xx or 5xx, no answer or a timeout throws an ApiError
 * (the API's own code and message where its body has them). Aborting `signal` rejects with the
 * abort's reason. */
export async function getJson<T>(
  client: ApiClient,
  path: string,
  params: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const url = `${client.baseUrl}${path}${query ? `?${query}` : ""}`;
  const timeout = AbortSignal.timeout(client.timeoutMs);
  let answer: Response;
  try {
    answer = await client.fetch(url, {
      headers: { Accept: "application/json" },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted) throw new ApiError("the API took too long to answer", 0, "timeout", url);
    throw new ApiError("the API cannot be reached: check the connection", 0, "network", url);
  }
  if (answer.ok) return (await answer.json()) as T;
  const body: unknown = await answer.json().catch(() => undefined);
  if (isErrorBody(body)) throw new ApiError(body.message, answer.status, body.error, url);
  throw new ApiError(`the API answered ${answer.status} ${answer.statusText}`.trim(), answer.status, "http_error", url);
}

/** An absolute URL of the API, for links (the CSV download). */
export function apiUrl(config: RuntimeConfig, path: string): string {
  return `${config.apiBaseUrl}${path}`;
}
