import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "../api/client";
import { formatMW } from "../lib/format";
import { hourOfDayAxis } from "./charts/common";
import { correlationColor, correlationTextColor } from "./CorrelationMatrix";
import { RangeSelector } from "./RangeSelector";
import { ErrorState, Loading } from "./States";
import { StatTile } from "./StatTile";

describe("StatTile", () => {
  it("says 'not available' for an unknown value, never 0", () => {
    render(
      <dl>
        <StatTile label="Imports" value={formatMW(null)} />
      </dl>,
    );
    expect(screen.getByText("not available")).toBeInTheDocument();
    expect(screen.queryByText(/0 MW/)).toBeNull();
  });
});

describe("ErrorState", () => {
  it("shows the API's message and retries on click", async () => {
    const retry = vi.fn();
    render(<ErrorState what="the trend" error={new ApiError("the database cannot be reached", 503, "database_unavailable", "/analysis/trend")} onRetry={retry} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Could not load the trend");
    expect(screen.getByRole("alert")).toHaveTextContent("the database cannot be reached (HTTP 503)");
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe("Loading", () => {
  it("shows a labelled skeleton, then the empty state with the reason", () => {
    const { rerender } = render(
      <Loading load={{ status: "loading" }} retry={() => {}} what="the clustering">
        {() => <p>data</p>}
      </Loading>,
    );
    expect(screen.getByRole("status", { name: "Loading the clustering" })).toHaveAttribute("aria-busy", "true");
    rerender(
      <Loading load={{ status: "empty", error: new ApiError("no clustering for range week yet", 404, "not_found", "") }} retry={() => {}} what="the clustering">
        {() => <p>data</p>}
      </Loading>,
    );
    expect(screen.getByText("Nothing stored yet for the clustering")).toBeInTheDocument();
    expect(screen.getByText("no clustering for range week yet")).toBeInTheDocument();
  });
});

describe("RangeSelector", () => {
  it("is a labelled radio group the keyboard can move through", async () => {
    const onChange = vi.fn();
    render(<RangeSelector ranges={["day", "week", "month"]} value="week" onChange={onChange} />);
    expect(screen.getByRole("group", { name: "Time range" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Week" })).toBeChecked();
    await userEvent.click(screen.getByRole("radio", { name: "Month" }));
    expect(onChange).toHaveBeenCalledWith("month");
    screen.getByRole("radio", { name: "Week" }).focus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(onChange).toHaveBeenLastCalledWith("day");
  });
});

describe("correlation colours", () => {
  it("runs from blue through white to red", () => {
    expect(correlationColor(0)).toBe("rgb(255, 255, 255)");
    expect(correlationColor(1)).toBe("rgb(185, 28, 28)");
    expect(correlationColor(-1)).toBe("rgb(29, 78, 216)");
  });

  it("writes every coefficient in a colour that meets WCAG AA (4.5:1) on its cell", () => {
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const parse = (css: string) => (css.startsWith("#") ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) : css.match(/\d+/g)!.map(Number));
    for (let step = -100; step <= 100; step++) {
      const r = step / 100;
      const [light, dark] = [luminance(parse(correlationColor(r))), luminance(parse(correlationTextColor(r)))].sort((a, b) => b - a) as [number, number];
      expect((light + 0.05) / (dark + 0.05), `r = ${r}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("chart axes", () => {
  it("ticks the hours of a day every 3 hours where eight labels fit, else every 6", () => {
    expect(hourOfDayAxis(1000).ticks).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
    expect(hourOfDayAxis(346).ticks).toEqual([0, 6, 12, 18]);
    expect(hourOfDayAxis().ticks).toHaveLength(8);
    expect(hourOfDayAxis(346).interval).toBe(0);
  });
});
