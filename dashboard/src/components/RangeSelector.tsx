/** The range as a group of radio buttons: arrow keys move, the URL follows. */

import type { RangeName } from "../api/types";
import { RANGE_LABELS } from "../lib/location";

export function RangeSelector({
  ranges,
  value,
  onChange,
}: {
  ranges: RangeName[];
  value: RangeName;
  onChange: (range: RangeName) => void;
}) {
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">Time range</legend>
      <span aria-hidden className="text-sm text-slate-500">
        Range
      </span>
      <div className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
        {ranges.map((range) => (
          <label
            key={range}
            className="cursor-pointer rounded-md px-3 py-1 text-sm font-medium text-slate-600 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-sky-600"
          >
            <input
              type="radio"
              name="range"
              value={range}
              checked={range === value}
              onChange={() => onChange(range)}
              className="sr-only"
            />
            {RANGE_LABELS[range]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
