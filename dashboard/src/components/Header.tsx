/** Title, the zone, the time zone every time is shown in, and the view tabs. */

import { placeSearch, rangeFor, VIEWS, type Place, type ViewId } from "../lib/location";
import { TIME_ZONE, zoneAbbreviation } from "../lib/time";

export function Header({ place, go }: { place: Place; go: (next: Place) => void }) {
  const open = (view: ViewId) => ({ view, range: rangeFor(view, place.range) });
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-end justify-between gap-x-6 gap-y-2 px-4 pt-4 sm:px-6">
        <div>
          <h1 className="text-xl font-bold tracking-tight text-slate-900 sm:text-2xl">
            <span aria-hidden className="mr-1 text-amber-500">
              ⚡
            </span>
            Los Angeles grid
          </h1>
          <p className="text-sm text-slate-500">
            LADWP · Electricity Maps zone <span className="font-mono text-slate-700">US-CAL-LDWP</span> ·
            times in {TIME_ZONE} ({zoneAbbreviation()})
          </p>
        </div>
      </div>
      <nav aria-label="Views" className="mx-auto mt-3 max-w-7xl overflow-x-auto px-2 sm:px-4">
        <ul className="flex gap-1">
          {VIEWS.map((view) => {
            const target = open(view.id);
            const current = view.id === place.view;
            return (
              <li key={view.id}>
                <a
                  href={placeSearch(target)}
                  aria-current={current ? "page" : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    go(target);
                  }}
                  className={`block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
                    current
                      ? "border-slate-900 text-slate-900"
                      : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700"
                  }`}
                >
                  {view.label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
