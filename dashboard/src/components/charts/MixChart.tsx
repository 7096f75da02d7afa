/** The newest hour's generation by source, as horizontal bars in each source's colour. */

import type { SourceMix } from "../../api/types";
import { formatMW, formatPercent } from "../../lib/format";
import { seriesInfo } from "../../lib/variables";
import { ChartFrame, lazyPlot } from "./common";

const MixPlot = lazyPlot(() => import("./MixPlot"));

export type MixRow = SourceMix & { label: string; color: string; text: string };

/** px: a bar and its gap per source, and the axis. */
export const mixHeight = (rows: MixRow[]) => Math.max(96, rows.length * 44 + 32);

export function MixChart({ mix }: { mix: SourceMix[] }) {
  const rows = mix.map<MixRow>((item) => ({
    ...item,
    label: seriesInfo(item.source).label,
    color: seriesInfo(item.source).color,
    text: `${formatMW(item.mw)}${item.share_percent === null ? "" : ` · ${formatPercent(item.share_percent, 0)}`}`,
  }));
  return (
    <ChartFrame
      name="mix"
      height={mixHeight(rows)}
      label={`Generation by source in the newest hour, MW and share of production: ${rows.map((r) => `${r.label} ${r.text}`).join(", ")}`}
    >
      <MixPlot rows={rows} />
    </ChartFrame>
  );
}
