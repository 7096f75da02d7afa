import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { App } from "./App";
import measurements from "./test/fixtures/measurements-day.json";
import status from "./test/fixtures/status.json";
import { ok, renderWithApi } from "./test/api";

describe("App", () => {
  beforeEach(() => window.history.replaceState(null, "", "/"));

  it("keeps the view and range in the URL and fetches what they name", async () => {
    const seen: string[] = [];
    const routes = {
      "/status/latest": ok(status),
      "/measurements?range=day": ok(measurements),
      "/measurements?range=week": ok(measurements),
      "/measurements?range=month": ok(measurements),
    };
    renderWithApi(<App />, routes, seen);
    expect(window.location.search).toBe("?view=overview&range=day");
    expect(screen.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(seen).toContain("/measurements?range=day"));

    await userEvent.click(screen.getByRole("radio", { name: "Week" }));
    expect(window.location.search).toBe("?view=overview&range=week");
    await waitFor(() => expect(seen).toContain("/measurements?range=week"));

    await userEvent.click(screen.getByRole("link", { name: "Analysis" }));
    expect(window.location.search).toBe("?view=analysis&range=week");
    await waitFor(() => expect(seen).toContain("/analysis/trend?range=week"));
    expect(screen.getByRole("radio", { name: "Week" })).toBeChecked();
    expect(screen.queryByRole("radio", { name: "Day" })).toBeNull();

    window.history.back();
    await waitFor(() => expect(screen.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page"));
  });

  it("corrects a range the view does not offer", async () => {
    window.history.replaceState(null, "", "/?view=clustering&range=day");
    renderWithApi(<App />, {});
    expect(window.location.search).toBe("?view=clustering&range=week");
    expect(screen.getByRole("radio", { name: "Week" })).toBeChecked();
    expect(await screen.findByText("No clustering for the week range")).toBeInTheDocument();
  });
});
