/** Charts that come near the screen together draw one after another, each in a task of its own:
 * a Recharts chart's mount is one long task (its store updates render synchronously), so two
 * drawn at once would block input for both, and a phone's first screen often holds two. */

/** ms: how long a chart may hold its turn before the next draws anyway (a safety: every plot
 * reports when it has drawn, and a frame that goes away gives its turn back). */
const LONGEST_TURN_MS = 3_000;

interface Turn {
  draw: () => void;
}

let current: Turn | null = null;
const waiting: Turn[] = [];
let safety: ReturnType<typeof setTimeout> | undefined;

function start(turn: Turn): void {
  current = turn;
  safety = setTimeout(() => finish(turn), LONGEST_TURN_MS);
  turn.draw();
}

function finish(turn: Turn): void {
  if (current !== turn) {
    const index = waiting.indexOf(turn);
    if (index >= 0) waiting.splice(index, 1);
    return;
  }
  clearTimeout(safety);
  current = null;
  // A new task: the next chart draws after this one's commit, layout and paint.
  setTimeout(() => {
    const next = current === null ? waiting.shift() : undefined;
    if (next) start(next);
  }, 0);
}

/** Call `draw` now if no chart is drawing, else once those before it have drawn. The function
 * returned ends the turn (the chart has drawn) or gives it up (the chart went away); calling it
 * again does nothing. */
export function takeTurn(draw: () => void): () => void {
  const turn: Turn = { draw };
  if (current === null && waiting.length === 0) start(turn);
  else waiting.push(turn);
  return () => finish(turn);
}
