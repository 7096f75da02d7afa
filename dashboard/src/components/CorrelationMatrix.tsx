/** The correlation matrix as a table: each cell coloured by its coefficient and showing it. */

import type { CorrelationPair } from "../api/types";
import { formatPValue } from "../lib/format";
import type { Matrix } from "../lib/shape";
import { seriesInfo } from "../lib/variables";

/** Diverging scale: blue for -1, white for 0, red for +1. */
function correlationRgb(r: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, r));
  const [to, from] = t >= 0 ? [[185, 28, 28], [255, 255, 255]] : [[29, 78, 216], [255, 255, 255]];
  const mix = (i: number) => Math.round(from[i]! + (to[i]! - from[i]!) * Math.abs(t));
  return [mix(0), mix(1), mix(2)];
}

export function correlationColor(r: number): string {
  return `rgb(${correlationRgb(r).join(", ")})`;
}

/** Black or white, whichever contrasts more with the cell's colour (WCAG relative luminance):
 * one of them always reaches 4.5:1, which no fixed |r| threshold guaranteed. */
export function correlationTextColor(r: number): string {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [red, green, blue] = correlationRgb(r).map(linear) as [number, number, number];
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

function strength(r: number): string {
  const a = Math.abs(r);
  const word = a >= 0.7 ? "strong" : a >= 0.4 ? "moderate" : a >= 0.2 ? "weak" : "negligible";
  return `${word} ${r >= 0 ? "positive" : "negative"}`;
}

export function CorrelationMatrix({ matrix, method }: { matrix: Matrix; method: string }) {
  const names = matrix.variables;
  return (
    // wider than a phone once carbon and the sources join: a region the keyboard can scroll
    <div
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600"
      data-chart="correlations"
      role="region"
      aria-label={`${method === "pearson" ? "Pearson" : "Spearman"} correlation matrix (scrolls sideways)`}
      tabIndex={0}
    >
      <table className="border-separate border-spacing-1 text-sm">
        <caption className="sr-only">
          {method === "pearson" ? "Pearson" : "Spearman"} correlation coefficients between hourly series
        </caption>
        <thead>
          <tr>
            <td />
            {names.map((name) => (
              <th key={name} scope="col" className="px-2 pb-1 text-center text-xs font-medium text-slate-600">
                {seriesInfo(name).label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((row) => (
            <tr key={row}>
              <th scope="row" className="pr-2 text-right text-xs font-medium whitespace-nowrap text-slate-600">
                {seriesInfo(row).label}
              </th>
              {names.map((column) => (
                <Cell key={column} value={matrix.cell(row, column)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ value }: { value: CorrelationPair | "self" | null }) {
  const base = "h-14 min-w-20 rounded-md text-center align-middle tabular-nums";
  if (value === "self") return <td className={`${base} bg-slate-100 text-slate-600`}>1</td>;
  if (value === null) {
    return (
      <td className={`${base} bg-slate-50 text-xs italic text-slate-600`} title="not computed: too few hours with both known">
        n/a
      </td>
    );
  }
  const r = value.coefficient;
  const title = `${seriesInfo(value.variable_a).label} vs ${seriesInfo(value.variable_b).label}: r = ${r.toFixed(2)} (${strength(r)}), n = ${value.n} h${
    value.p_value === null ? "" : `, ${formatPValue(value.p_value)}`
  }`;
  return (
    <td
      className={`${base} font-semibold`}
      style={{ background: correlationColor(r), color: correlationTextColor(r) }}
      title={title}
      aria-label={title}
    >
      {r.toFixed(2)}
    </td>
  );
}
