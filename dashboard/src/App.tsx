/** The shell: header and tabs, the range selector, the chosen view. */

import { lazy, Suspense } from "react";

import type { AnalysisRange, RangeName } from "./api/types";
import { apiUrl } from "./api/client";
import { Header } from "./components/Header";
import { RangeSelector } from "./components/RangeSelector";
import { useApiContext } from "./hooks/api";
import { usePlace } from "./hooks/place";
import { VIEW_RANGES, VIEWS, type ViewId } from "./lib/location";

// Each view is its own chunk: a page loads the code of the view it shows, not of all four
// (and Recharts, in its own chunk, only when a chart comes near the screen).
const VIEW_CODE = {
  overview: () => import("./views/Overview"),
  generation: () => import("./views/Generation"),
  analysis: () => import("./views/Analysis"),
  clustering: () => import("./views/Clustering"),
} satisfies Record<ViewId, () => Promise<unknown>>;
const Overview = lazy(() => VIEW_CODE.overview().then((module) => ({ default: module.Overview })));
const Generation = lazy(() => VIEW_CODE.generation().then((module) => ({ default: module.Generation })));
const Analysis = lazy(() => VIEW_CODE.analysis().then((module) => ({ default: module.Analysis })));
const Clustering = lazy(() => VIEW_CODE.clustering().then((module) => ({ default: module.Clustering })));

/** Start fetching a view's code (at start-up, beside config.json, not after it). */
export function preloadView(view: ViewId): void {
  void VIEW_CODE[view]();
}

const INTROS: Record<string, string> = {
  overview: "The newest hour of the Los Angeles grid, how fresh it is, and what the pipeline last did.",
  generation: "What Los Angeles generated, source by source, and the solar forecast for the next day.",
  analysis: "How load, solar and wind behave over the range: trend, daily rhythm, links and spread.",
  clustering: "Days grouped by the shape of their load curve, and the days that fit no group.",
};

export function App() {
  const [place, go] = usePlace();
  const { config } = useApiContext();
  const { view, range } = place;
  const setRange = (next: RangeName) => go({ view, range: next });
  const title = VIEWS.find((item) => item.id === view)?.label ?? "";
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <Header place={place} go={go} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-5 sm:px-6" data-view={view} data-range={range}>
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 className="sr-only">{title}</h2>
            <p className="text-sm text-slate-600">{INTROS[view]}</p>
          </div>
          <RangeSelector ranges={VIEW_RANGES[view].ranges} value={range} onChange={setRange} />
        </div>
        <Suspense fallback={<div data-state="loading" aria-busy="true" className="min-h-screen" />}>
          {view === "overview" ? <Overview range={range} /> : null}
          {view === "generation" ? <Generation range={range} /> : null}
          {view === "analysis" ? <Analysis range={range as AnalysisRange} /> : null}
          {view === "clustering" ? <Clustering range={range as AnalysisRange} onRange={setRange} /> : null}
        </Suspense>
      </main>
      <footer className="mx-auto max-w-7xl px-4 pb-8 text-xs text-slate-500 sm:px-6">
        Data: Electricity Maps zone US-CAL-LDWP, hourly; power in MW, carbon intensity in gCO₂eq/kWh. Values the source does not
        report are shown as “not available” and as gaps in charts, never as zero. ·{" "}
        <a className="underline" href={apiUrl(config, "/docs")}>
          API documentation
        </a>
      </footer>
    </div>
  );
}
