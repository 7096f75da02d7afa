/** The Overview's "cleanest hours" panel: when, in the next hours, electricity is forecast to
 * be cleanest (GET /advice/cleanest-window), with the uncertainty its intervals give. */

import type { CleanestWindow } from "../../api/types";
import { cleanestSentence, cleanestUncertainty } from "../../lib/carbon";
import { formatFullDateTime } from "../../lib/time";

export function CleanestPanel({ advice, now = Date.now() }: { advice: CleanestWindow; now?: number }) {
  return (
    <div>
      <p className="text-base font-semibold text-slate-900" data-testid="cleanest-sentence">
        {cleanestSentence(advice, now)}
      </p>
      {Date.parse(advice.end_at) <= now ? (
        <p role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This window has passed: the newest carbon forecast is old. The next pipeline run forecasts the hours ahead.
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-600">{cleanestUncertainty(advice)}</p>
      <p className="mt-2 text-xs text-slate-500">
        From the carbon-intensity forecast issued {formatFullDateTime(advice.issued_at)} (model{" "}
        <span className="font-mono">{advice.model_version}</span>), life-cycle emission factors.
      </p>
    </div>
  );
}
