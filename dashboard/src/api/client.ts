/** The one Axios instance: base URL from the runtime config.json, errors as ApiError. */

import axios, { type AxiosInstance, type AxiosRequestConfig } from "axios";

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

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isAxiosError(error)) {
    const url = error.config?.url ?? "";
    const response = error.response;
    if (response) {
      if (isErrorBody(response.data)) {
        return new ApiError(response.data.message, response.status, response.data.error, url);
      }
      return new ApiError(
        `the API answered ${response.status} ${response.statusText || ""}`.trim(),
        response.status,
        "http_error",
        url,
      );
    }
    if (error.code === "ECONNABORTED" || error.code === "ETIMEDOUT") {
      return new ApiError("the API took too long to answer", 0, "timeout", url);
    }
    return new ApiError("the API cannot be reached: check the connection", 0, "network", url);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(message, 0, "unexpected", "");
}

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

export function createClient(config: RuntimeConfig, extra: AxiosRequestConfig = {}): AxiosInstance {
  return axios.create({
    baseURL: config.apiBaseUrl || undefined,
    timeout: 30_000,
    headers: { Accept: "application/json" },
    ...extra,
  });
}

/** An absolute URL of the API, for links (the CSV download). */
export function apiUrl(config: RuntimeConfig, path: string): string {
  return `${config.apiBaseUrl}${path}`;
}
