/** Whether an element has come near the screen: charts mount only then, so a view paints and
 * answers input before it draws what is below the fold (the cost of a chart is its mount). */

import { startTransition, useEffect, useState, type RefObject } from "react";

/** How far below (and above) the screen an element counts as near: none, so a phone draws
 * only the charts on its screen (each Recharts chart costs a long task to mount); one scrolled
 * to draws in the next frame or so. */
const NEAR = "0px";

export interface Nearness {
  /** True once the element has been within NEAR of the viewport; stays true. */
  near: boolean;
  /** Its width (px) when it came near, as the observer measured it (no layout of our own);
   * undefined before, and without an IntersectionObserver (jsdom, where `near` is true at once). */
  width?: number;
}

export function useNearScreen(ref: RefObject<Element | null>): Nearness {
  const [state, setState] = useState<Nearness>(() => ({ near: typeof IntersectionObserver === "undefined" }));
  const { near } = state;
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const seen = entries.find((entry) => entry.isIntersecting);
        if (!seen) return;
        observer.disconnect();
        // A transition: React renders the chart in slices, yielding to input between them.
        startTransition(() => setState({ near: true, width: seen.boundingClientRect.width }));
      },
      { rootMargin: NEAR },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return state;
}
