/**
 * Wall-clock arithmetic in an IANA timezone with nothing but Intl: the local date of an
 * instant, whether a guild's `HH:MM` has passed, and the instant of its next run.
 */

/** A local date and minute of day in some timezone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// `HH:MM`, 24-hour, leading zeros required: "9:00" is ambiguous to readers, "09:00" is not
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `timezone` is an IANA name Intl knows (Intl throws RangeError otherwise). */
export function isValidTimezone(timezone: string): boolean {
  if (!timezone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` -> minutes since midnight; null when it is not a 24-hour `HH:MM`. */
export function parseTime(time: string): number | null {
  const match = TIME_PATTERN.exec(time.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timezone, format);
  }
  return format;
}

/** The local date and minute of `instant` in `timezone`. */
export function localTime(instant: Date, timezone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timezone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How far `timezone` is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timezone: string): number {
  const local = localTime(new Date(instant), timezone);
  const asUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * MINUTE_MS;
  return asUtc - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instant of local `date` at `minutes` in `timezone`. A time shown twice (DST ends) is
 * its first showing; a time never shown (the hour DST skips) maps past the gap: 02:30 -> 03:30.
 */
export function instantOf(date: string, minutes: number, timezone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  // Half a day either side is before and after any transition of that day
  const candidates = [wall - offsetAt(wall - DAY_MS / 2, timezone), wall - offsetAt(wall + DAY_MS / 2, timezone)];
  const shown = candidates.filter((instant) => {
    const back = localTime(new Date(instant), timezone);
    return back.date === date && back.minutes === minutes;
  });
  return new Date(shown.length ? Math.min(...shown) : Math.max(...candidates));
}

/** The next scheduled run strictly after `now` for a daily `HH:MM` in `timezone`. */
export function nextRunAfter(now: Date, time: string, timezone: string): Date {
  const minutes = parseTime(time) ?? 0;
  const today = localTime(now, timezone).date;
  for (let day = 0; day < 3; day++) {
    const run = instantOf(addDays(today, day), minutes, timezone);
    if (run.getTime() > now.getTime()) return run;
  }
  return instantOf(addDays(today, 1), minutes, timezone);
}
