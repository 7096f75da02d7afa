/** The Overview's "cleanest hours" panel: when, in the next hours, electricity is forecast to
 * be cleanest (GET /advice/cleanest-window), with the uncertainty its intervals give. */

import type { CleanestWindow } from "../../api/types";
import { cleanestSentence, cleanestUncertainty } from "../../lib/carbon";
import { formatFullDateTime } from "../../lib/time";

export function CleanestPanel({ advice }: { advice: CleanestWindow }) {
  return (
    <div>
      <p className="text-base font-semibold text-slate-900" data-testid="cleanest-sentence">
        {cleanestSentence(advice)}
      </p>
      <p className="mt-2 text-sm text-slate-600">{cleanestUncertainty(advice)}</p>
      <p className="mt-2 text-xs text-slate-500">
        From the carbon-intensity forecast issued {formatFullDateTime(advice.issued_at)} (model{" "}
        <span className="font-mono">{advice.model_version}</span>), life-cycle emission factors.
      </p>
    </div>
  );
}
