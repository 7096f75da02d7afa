/** Days on a calendar (weeks as rows, Monday first), coloured by cluster; anomalies ringed. */

import type { CalendarDay } from "../lib/shape";
import { formatLocalDate } from "../lib/time";
import { clusterColor } from "../lib/variables";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function describe(day: CalendarDay): string {
  const when = formatLocalDate(day.date);
  if (day.leftOut) return `${when}: not clustered (${day.leftOut})`;
  if (day.cluster === null) return `${when}: no data`;
  const flagged = day.anomalies.length ? `; anomaly: ${day.anomalies.join("; ")}` : "";
  return `${when}: cluster ${day.cluster + 1}${flagged}`;
}

/** The Monday (a Los Angeles date) of a calendar row, even when it lies before the range. */
function mondayOf(week: (CalendarDay | null)[]): string | null {
  const index = week.findIndex((day) => day !== null);
  const first = week[index];
  if (!first) return null;
  const t = Date.parse(`${first.date}T00:00:00Z`) - index * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function ClusterCalendar({ weeks }: { weeks: (CalendarDay | null)[][] }) {
  return (
    <div data-chart="calendar" className="overflow-x-auto">
      <table className="border-separate border-spacing-1">
        <caption className="sr-only">Each day's cluster; ringed days were flagged as anomalies</caption>
        <thead>
          <tr>
            <td />
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" className="text-xs font-medium text-slate-500">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, index) => {
            const monday = mondayOf(week);
            return (
              <tr key={monday ?? index}>
                <th scope="row" className="pr-1 text-right text-xs font-normal whitespace-nowrap text-slate-500">
                  {monday ? formatLocalDate(monday, false).replace(/^\w+, /, "") : ""}
                </th>
                {week.map((day, column) =>
                  day ? (
                    <td key={day.date} className="p-0">
                      <div
                        role="img"
                        aria-label={describe(day)}
                        title={describe(day)}
                        data-day={day.date}
                        data-anomaly={day.anomalies.length > 0 || undefined}
                        className={`relative flex size-8 items-center justify-center rounded text-[11px] font-medium sm:size-9 ${
                          day.cluster === null ? "bg-slate-100 text-slate-600" : "text-white"
                        } ${day.anomalies.length ? "ring-2 ring-red-600 ring-offset-1" : ""}`}
                        style={
                          day.cluster === null
                            ? day.leftOut
                              ? { backgroundImage: "repeating-linear-gradient(45deg,#e2e8f0 0 3px,#f8fafc 3px 6px)" }
                              : undefined
                            : { background: clusterColor(day.cluster) }
                        }
                      >
                        {Number(day.date.slice(8))}
                        {day.anomalies.length ? (
                          <span aria-hidden className="absolute -top-1.5 -right-1.5 text-xs text-red-600">
                            ●
                          </span>
                        ) : null}
                      </div>
                    </td>
                  ) : (
                    <td key={`empty-${column}`} />
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
