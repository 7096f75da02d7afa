/** The Recharts container every plot draws in: the frame's box, first drawn at the size the
 * frame measured (PlotSize), then following the box when it resizes. */

import { useContext, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

import { PlotSize } from "./common";

/** px: the first draw's width when the frame has not measured one (jsdom). */
const FALLBACK_WIDTH = 600;

export function PlotBox({ children }: { children: ReactElement }) {
  const { width, height } = useContext(PlotSize);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: width || FALLBACK_WIDTH, height }}>
      {children}
    </ResponsiveContainer>
  );
}
