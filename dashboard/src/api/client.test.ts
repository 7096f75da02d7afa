import axios, { AxiosError, type InternalAxiosRequestConfig } from "axios";
import { describe, expect, it } from "vitest";

import { ApiError, apiUrl, createClient, loadConfig, toApiError } from "./client";
import { endpoints, measurementsCsvPath } from "./endpoints";

const config = { url: "/status/latest", headers: {} } as InternalAxiosRequestConfig;

function answered(status: number, data: unknown): AxiosError {
  return new AxiosError("failed", "ERR_BAD_RESPONSE", config, null, {
    status,
    statusText: "",
    data,
    headers: {},
    config,
  });
}

describe("API errors", () => {
  it("carries the API's own code and message", () => {
    const error = toApiError(answered(404, { error: "not_found", message: "no trend result for range week yet" }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", message: "no trend result for range week yet" });
    expect(error.isEmpty).toBe(true);
  });

  it("describes an answer without an error body, and no answer at all", () => {
    const server = toApiError(answered(502, "<html>Bad gateway</html>"));
    expect(server).toMatchObject({ status: 502, code: "http_error" });
    expect(server.isEmpty).toBe(false);
    const network = toApiError(new AxiosError("Network Error", "ERR_NETWORK", config));
    expect(network).toMatchObject({ status: 0, code: "network" });
    expect(network.message).toMatch(/cannot be reached/);
  });

  it("asks the endpoint with the range and turns failures into ApiError", async () => {
    const seen: string[] = [];
    const client = createClient(
      { apiBaseUrl: "https://api.example.test/prod" },
      {
        adapter: async (request) => {
          seen.push(`${request.baseURL}${request.url}?${new URLSearchParams(request.params).toString()}`);
          throw answered(422, { error: "invalid_request", message: "query.range: bad" });
        },
      },
    );
    await expect(endpoints.trend(client, "week")).rejects.toMatchObject({ code: "invalid_request", status: 422 });
    expect(seen).toEqual(["https://api.example.test/prod/analysis/trend?range=week"]);
    expect(axios.isAxiosError(new ApiError("x", 0, "y", ""))).toBe(false);
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
