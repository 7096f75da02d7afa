/** The Recharts container every plot draws in: the frame's box, first drawn at the size the
 * frame measured (PlotFrameContext), then following the box when it resizes. */

import { useContext, useEffect, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

import { PlotFrameContext } from "./common";

/** px: the first draw's width when the frame has not measured one (jsdom). */
const FALLBACK_WIDTH = 600;

export function PlotBox({ children }: { children: ReactElement }) {
  const { width, height, drawn } = useContext(PlotFrameContext);
  // After the mount's commit, in which Recharts has drawn (its store updates render synchronously).
  useEffect(drawn, [drawn]);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: width || FALLBACK_WIDTH, height }}>
      {children}
    </ResponsiveContainer>
  );
}
