import { describe, expect, it } from "vitest";

import { parsePlace, placeSearch, rangeFor } from "./location";

describe("the view and range in the query string", () => {
  it("opens the overview on a day by default", () => {
    expect(parsePlace("")).toEqual({ view: "overview", range: "day" });
    expect(parsePlace("?view=nonsense&range=fortnight")).toEqual({ view: "overview", range: "day" });
  });

  it("keeps a range the view offers and corrects one it lacks", () => {
    expect(parsePlace("?view=analysis&range=year")).toEqual({ view: "analysis", range: "year" });
    expect(parsePlace("?view=analysis&range=day")).toEqual({ view: "analysis", range: "week" });
    expect(parsePlace("?view=overview&range=year")).toEqual({ view: "overview", range: "month" });
    expect(rangeFor("generation", "year")).toBe("year");
    expect(rangeFor("clustering", null)).toBe("month");
  });

  it("writes a place back as a query string", () => {
    expect(placeSearch({ view: "clustering", range: "year" })).toBe("?view=clustering&range=year");
    expect(parsePlace(placeSearch({ view: "generation", range: "month" }))).toEqual({ view: "generation", range: "month" });
  });
});
