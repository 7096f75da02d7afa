/** Whether an element has come near the screen: charts mount only then, so a view paints and
 * answers input before it draws what is below the fold (the cost of a chart is its mount). */

import { startTransition, useCallback, useEffect, useRef, useState, type RefObject } from "react";

import { takeTurn } from "./turns";

/** How far below (and above) the screen an element counts as near: none, so a phone draws
 * only the charts on its screen (each Recharts chart costs a long task to mount); one scrolled
 * to draws in the next frame or so. */
const NEAR = "0px";

export interface Nearness {
  /** True once the element has been within NEAR of the viewport and its turn to draw has come
   * (turns.ts); stays true. */
  near: boolean;
  /** Its width (px) when it came near, as the observer measured it (no layout of our own);
   * undefined before, and without an IntersectionObserver (jsdom, where `near` is true at once). */
  width?: number;
  /** What it draws has drawn: the next chart's turn. */
  drawn: () => void;
}

export function useNearScreen(ref: RefObject<Element | null>): Nearness {
  const [state, setState] = useState<{ near: boolean; width?: number }>(() => ({
    near: typeof IntersectionObserver === "undefined",
  }));
  const endTurn = useRef<(() => void) | null>(null);
  const { near } = state;
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const seen = entries.find((entry) => entry.isIntersecting);
        if (!seen) return;
        observer.disconnect();
        const width = seen.boundingClientRect.width;
        // A transition: React renders the chart in slices, yielding to input between them.
        endTurn.current = takeTurn(() => startTransition(() => setState({ near: true, width })));
      },
      { rootMargin: NEAR },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  // Gone before it drew (or while waiting for its turn): the turn passes on.
  useEffect(() => () => endTurn.current?.(), []);
  const drawn = useCallback(() => endTurn.current?.(), []);
  return { ...state, drawn };
}
