/** Whether an element has come near the screen: charts mount only then, so a view paints and
 * answers input before it draws what is below the fold (the cost of a chart is its mount). */

import { startTransition, useEffect, useState, type RefObject } from "react";

/** How far below (and above) the screen an element counts as near: none, so a phone draws
 * only the charts on its screen (each Recharts chart costs a long task to mount); one scrolled
 * to draws in the next frame or so. */
const NEAR = "0px";

/** True once `ref`'s element has been within NEAR of the viewport; stays true. Without an
 * IntersectionObserver (jsdom) it is true at once. */
export function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        // A transition: React renders the chart in slices, yielding to input between them.
        startTransition(() => setNear(true));
      },
      { rootMargin: NEAR },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}
