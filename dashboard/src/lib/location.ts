/** The view and range live in the query string (?view=analysis&range=month): the local server
 * and CloudFront serve index.html at `/` only, and a link or reload restores the same view. */

import type { RangeName } from "../api/types";

export const VIEWS = [
  { id: "overview", label: "Overview" },
  { id: "generation", label: "Generation" },
  { id: "analysis", label: "Analysis" },
  { id: "clustering", label: "Clustering" },
] as const;
export type ViewId = (typeof VIEWS)[number]["id"];

/** The ranges each view's endpoints accept, and the one it opens with. */
export const VIEW_RANGES: Record<ViewId, { ranges: RangeName[]; fallback: RangeName }> = {
  overview: { ranges: ["day", "week", "month"], fallback: "day" },
  generation: { ranges: ["day", "week", "month", "year"], fallback: "week" },
  analysis: { ranges: ["week", "month", "year"], fallback: "month" },
  clustering: { ranges: ["week", "month", "year"], fallback: "month" },
};

export interface Place {
  view: ViewId;
  range: RangeName;
}

function isView(value: string | null): value is ViewId {
  return VIEWS.some((view) => view.id === value);
}

/** The place a query string names; an unknown view or a range the view lacks is corrected. */
export function parsePlace(search: string): Place {
  const params = new URLSearchParams(search);
  const asked = params.get("view");
  const view: ViewId = isView(asked) ? asked : "overview";
  return { view, range: rangeFor(view, params.get("range")) };
}

/** The asked range if the view offers it; else the nearest it offers (day -> week, ...). */
export function rangeFor(view: ViewId, asked: string | null): RangeName {
  const { ranges, fallback } = VIEW_RANGES[view];
  if (asked && (ranges as string[]).includes(asked)) return asked as RangeName;
  const order: RangeName[] = ["day", "week", "month", "year"];
  const index = order.indexOf(asked as RangeName);
  if (index < 0) return fallback;
  const nearest = ranges.reduce((best, range) =>
    Math.abs(order.indexOf(range) - index) < Math.abs(order.indexOf(best) - index) ? range : best,
  );
  return nearest;
}

export function placeSearch(place: Place): string {
  return `?${new URLSearchParams({ view: place.view, range: place.range }).toString()}`;
}

export const RANGE_LABELS: Record<RangeName, string> = {
  day: "Day",
  week: "Week",
  month: "Month",
  year: "Year",
};

export const RANGE_PHRASES: Record<RangeName, string> = {
  day: "the last 24 hours",
  week: "the last 7 days",
  month: "the last month",
  year: "the last year",
};
