/** The view and range, kept in the URL's query string (back/forward and links work). */

import { useCallback, useEffect, useState } from "react";

import { parsePlace, placeSearch, type Place } from "../lib/location";

export function usePlace(): [Place, (next: Place) => void] {
  const [place, setPlace] = useState<Place>(() => parsePlace(window.location.search));

  useEffect(() => {
    // Correct a URL naming an unknown view or a range the view lacks, without a history entry.
    const canonical = placeSearch(parsePlace(window.location.search));
    if (window.location.search !== canonical) {
      window.history.replaceState(null, "", canonical + window.location.hash);
    }
    const onPop = () => setPlace(parsePlace(window.location.search));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const go = useCallback((next: Place) => {
    const search = placeSearch(next);
    if (search !== window.location.search) window.history.pushState(null, "", search);
    setPlace(parsePlace(search));
  }, []);

  return [place, go];
}
