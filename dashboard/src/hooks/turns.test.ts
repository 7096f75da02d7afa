import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { takeTurn } from "./turns";

describe("takeTurn", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it("draws the first chart at once and the next only in a task after it has drawn", () => {
    const drawn: string[] = [];
    const endFirst = takeTurn(() => drawn.push("first"));
    const endSecond = takeTurn(() => drawn.push("second"));
    expect(drawn).toEqual(["first"]);
    endFirst();
    expect(drawn).toEqual(["first"]);
    vi.advanceTimersByTime(0);
    expect(drawn).toEqual(["first", "second"]);
    endSecond();
  });

  it("skips a chart that went away while waiting, and ending a turn twice does nothing", () => {
    const drawn: string[] = [];
    const endFirst = takeTurn(() => drawn.push("first"));
    const leaveSecond = takeTurn(() => drawn.push("second"));
    const endThird = takeTurn(() => drawn.push("third"));
    leaveSecond();
    endFirst();
    endFirst();
    vi.advanceTimersByTime(0);
    expect(drawn).toEqual(["first", "third"]);
    endThird();
  });

  it("passes the turn on when a chart never says it has drawn", () => {
    const drawn: string[] = [];
    takeTurn(() => drawn.push("stuck"));
    const endNext = takeTurn(() => drawn.push("next"));
    vi.advanceTimersByTime(2_999);
    expect(drawn).toEqual(["stuck"]);
    vi.advanceTimersByTime(1);
    // then the task the next chart draws in
    vi.advanceTimersByTime(1);
    expect(drawn).toEqual(["stuck", "next"]);
    endNext();
  });
});
