/** The Clustering view's anomalies panel: the days and hours far from what their cluster expects,
 * each with its reason. */

import type { AnomaliesResult } from "../../api/results";
import { EmptyState } from "../../components/States";
import { formatHour, formatLocalDate } from "../../lib/time";
import { clusterColor } from "../../lib/variables";

export function AnomaliesPanel({ result }: { result: AnomaliesResult }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">
          Days ({result.days.length} of {result.n_days})
        </h3>
        {result.days.length ? (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="anomaly-days">
            {result.days.map((day) => (
              <li key={`${day.date}-${day.check}`} className="py-2">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{formatLocalDate(day.date)}</span>
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">{day.check}</span>
                  <span className="text-xs text-slate-500">score {day.score.toFixed(1)}</span>
                  <span className="inline-flex items-center gap-1 text-xs text-slate-500">
                    <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: clusterColor(day.cluster) }} />
                    cluster {day.cluster + 1}
                  </span>
                </p>
                <p className="text-slate-600">{day.reason}</p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No anomalous days">Every day sits close to its cluster's profile and level.</EmptyState>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">
          Hours ({result.hours_flagged} flagged{result.hours.length < result.hours_flagged ? `, ${result.hours.length} largest shown` : ""})
        </h3>
        {result.hours.length ? (
          // A scrolled list: focusable, so that the keyboard can scroll it too.
          <ul
            tabIndex={0}
            aria-label="Anomalous hours"
            className="max-h-80 divide-y divide-slate-100 overflow-y-auto text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {result.hours.map((hour) => (
              <li key={`${hour.date}-${hour.hour}`} className="py-2">
                <p className="font-medium">
                  {formatLocalDate(hour.date)}, {formatHour(hour.hour)}{" "}
                  <span className="text-xs font-normal text-slate-500">score {hour.score.toFixed(1)}</span>
                </p>
                <p className="text-slate-600">{hour.reason}</p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No anomalous hours">No hour is far from its expected value.</EmptyState>
        )}
      </div>
    </div>
  );
}
