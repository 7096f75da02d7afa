import { describe, expect, it } from "vitest";

import { ApiError, apiUrl, createClient, loadConfig, toApiError } from "./client";
import { endpoints, measurementsCsvPath } from "./endpoints";

const BASE = { apiBaseUrl: "https://api.example.test/prod" };

/** A client whose every request is answered `status` with `body` (JSON, or text as given). */
function answering(status: number, body: unknown, seen: string[] = []) {
  return createClient(BASE, {
    fetcher: async (input) => {
      seen.push(String(input));
      return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
    },
  });
}

describe("API errors", () => {
  it("carries the API's own code and message", async () => {
    const client = answering(404, { error: "not_found", message: "no trend result for range week yet" });
    const error: unknown = await endpoints.trend(client, "week").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", message: "no trend result for range week yet" });
    expect((error as ApiError).isEmpty).toBe(true);
  });

  it("describes an answer without an error body, and no answer at all", async () => {
    const server = await endpoints.latestStatus(answering(502, "<html>Bad gateway</html>")).catch(toApiError);
    expect(server).toMatchObject({ status: 502, code: "http_error" });
    expect((server as ApiError).isEmpty).toBe(false);
    const unreachable = createClient(BASE, {
      fetcher: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const network = await endpoints.latestStatus(unreachable).catch(toApiError);
    expect(network).toMatchObject({ status: 0, code: "network", url: "https://api.example.test/prod/status/latest" });
    expect((network as ApiError).message).toMatch(/cannot be reached/);
  });

  it("gives up on an answer that takes too long, and passes a caller's abort on", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const slow = createClient(BASE, { fetcher: hanging, timeoutMs: 5 });
    await expect(endpoints.latestStatus(slow)).rejects.toMatchObject({ status: 0, code: "timeout" });
    const patient = createClient(BASE, { fetcher: hanging });
    const caller = new AbortController();
    const asked = endpoints.latestStatus(patient, caller.signal);
    caller.abort();
    const reason: unknown = await asked.catch((error: unknown) => error);
    expect(reason).not.toBeInstanceOf(ApiError);
    expect(reason).toMatchObject({ name: "AbortError" });
  });

  it("asks the endpoint with the range under the base URL", async () => {
    const seen: string[] = [];
    const client = answering(422, { error: "invalid_request", message: "query.range: bad" }, seen);
    await expect(endpoints.trend(client, "week")).rejects.toMatchObject({ code: "invalid_request", status: 422 });
    expect(seen).toEqual(["https://api.example.test/prod/analysis/trend?range=week"]);
    expect(toApiError(new Error("boom"))).toMatchObject({ status: 0, code: "unexpected", message: "boom" });
  });
});

describe("runtime configuration", () => {
  const fetcher = (status: number, body: unknown) =>
    (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it("reads the API base URL from config.json", async () => {
    await expect(loadConfig(fetcher(200, { apiBaseUrl: "https://api.example.test/prod/" }))).resolves.toEqual({
      apiBaseUrl: "https://api.example.test/prod",
    });
    await expect(loadConfig(fetcher(200, { apiBaseUrl: "" }))).resolves.toEqual({ apiBaseUrl: "" });
  });

  it("refuses a missing or malformed config.json", async () => {
    await expect(loadConfig(fetcher(404, {}))).rejects.toThrow("config.json answered 404");
    await expect(loadConfig(fetcher(200, { api: "x" }))).rejects.toThrow("no string apiBaseUrl");
  });

  it("builds the CSV link of the shown range", () => {
    expect(apiUrl({ apiBaseUrl: "" }, measurementsCsvPath("week"))).toBe("/measurements?range=week&format=csv");
  });
});
