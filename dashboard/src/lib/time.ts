/** Times on the Los Angeles wall clock, whatever the browser's own zone.
 *
 * Instants from the API are UTC ISO strings; dates ("2026-11-02") and hours (0-23) in analysis
 * results are already Los Angeles wall-clock values and are never shifted again. */

export const TIME_ZONE = "America/Los_Angeles";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, ...options });
    formatters.set(key, found);
  }
  return found;
}

function asDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "PST" or "PDT" at that instant. */
export function zoneAbbreviation(value: string | number | Date = Date.now()): string {
  const parts = formatter("zone", { timeZoneName: "short", hour: "numeric" }).formatToParts(
    asDate(value),
  );
  return parts.find((part) => part.type === "timeZoneName")?.value ?? "PT";
}

/** "14:00" (24-hour clock, Los Angeles). */
export function formatClock(value: string | number | Date): string {
  return formatter("clock", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    asDate(value),
  );
}

/** "Nov 2, 14:00" */
export function formatDateTime(value: string | number | Date): string {
  return formatter("datetime", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(asDate(value));
}

/** "Mon, Nov 2, 14:00 PST": for tooltips, where the zone must be explicit. */
export function formatFullDateTime(value: string | number | Date): string {
  const text = formatter("full", {
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(asDate(value));
  return `${text} ${zoneAbbreviation(value)}`;
}


/** A Los Angeles calendar date ("2026-11-02") as "Mon, Nov 2, 2026", never shifted. */
export function formatLocalDate(date: string, withYear = true): string {
  const [year, month, day] = date.split("-").map(Number);
  const utc = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return (withYear ? CALENDAR_DATE : CALENDAR_DATE_NO_YEAR).format(utc);
}

// Built once: a DateTimeFormat costs far more to build than to use (a calendar formats hundreds).
const CALENDAR_DATE_OPTIONS = { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" } as const;
const CALENDAR_DATE = new Intl.DateTimeFormat("en-US", { ...CALENDAR_DATE_OPTIONS, year: "numeric" });
const CALENDAR_DATE_NO_YEAR = new Intl.DateTimeFormat("en-US", CALENDAR_DATE_OPTIONS);

/** Weekday of a Los Angeles calendar date, 0 = Monday. */
export function weekdayOfLocalDate(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  const sundayFirst = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return (sundayFirst + 6) % 7;
}

/** A local hour (0-23) as "07:00". */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** "25 min ago", "3 h ago", "2 days ago". */
export function formatAge(hours: number): string {
  if (hours < 1 / 60) return "just now";
  if (hours < 1) return `${Math.round(hours * 60)} min ago`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const hourOf = (t: number) => Number(formatter("hour", { hour: "numeric", hourCycle: "h23" }).format(t));
const dayOfMonth = (t: number) => Number(formatter("dom", { day: "numeric" }).format(t));

/** Axis ticks on whole Los Angeles hours, days or months between two instants (ms). */
export function timeTicks(start: number, end: number): number[] {
  const hour = 3_600_000;
  const span = (end - start) / hour;
  const first = Math.ceil(start / hour) * hour;
  const ticks: number[] = [];
  if (span <= 36) {
    const step = span <= 12 ? 2 : span <= 24 ? 3 : 6;
    for (let t = first; t <= end; t += hour) if (hourOf(t) % step === 0) ticks.push(t);
    return ticks;
  }
  const midnights: number[] = [];
  for (let t = first; t <= end; t += hour) if (hourOf(t) === 0) midnights.push(t);
  if (span <= 24 * 62) {
    const step = span <= 24 * 8 ? 1 : span <= 24 * 16 ? 2 : 7;
    return midnights.filter((_, index) => index % step === 0);
  }
  return midnights.filter((t) => dayOfMonth(t) === 1);
}

/** A tick label for `timeTicks`: the clock within a day or so, the date beyond. */
export function tickLabel(t: number, spanHours: number): string {
  const kind = spanHours <= 36 ? "clock" : spanHours > 24 * 62 ? "month" : "day";
  // Recharts formats each tick several times per draw (to measure it, then to show it).
  const key = `${kind}${t}`;
  let label = tickLabels.get(key);
  if (label === undefined) {
    if (kind === "clock") label = formatClock(t);
    else if (kind === "month") label = formatter("month", { month: "short", year: "2-digit" }).format(t);
    else label = `${formatter("weekday", { weekday: "short" }).format(t)} ${dayOfMonth(t)}`;
    tickLabels.set(key, label);
  }
  return label;
}

const tickLabels = new Map<string, string>();

/** "Mon, Nov 2, 2026": the Los Angeles day holding an instant. */
export function formatDay(value: string | number | Date): string {
  return formatter("dayfull", {
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(asDate(value));
}

/** The hour starting at an instant: "Sun, Nov 29, 2026, 00:00–01:00 PST". */
export function formatHourSpan(start: string | number | Date): string {
  const from = asDate(start).getTime();
  return `${formatDay(from)}, ${formatClock(from)}–${formatClock(from + 3_600_000)} ${zoneAbbreviation(from)}`;
}
