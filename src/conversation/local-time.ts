/**
 * Times as people read them: in their language and their time zone. The service runs in UTC; an
 * appointment or a departure is a moment, shown as the wall-clock time where the person is (the
 * country they are in), and entered by staff as the wall-clock time where it happens.
 */

/** Where the service works (Bosnia and Herzegovina, Serbia): the zone when nothing says otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Sarajevo';

/** The zone of the countries people write from (host countries); others are given per office or trip. */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  BA: 'Europe/Sarajevo',
  RS: 'Europe/Belgrade',
  HR: 'Europe/Zagreb',
  ME: 'Europe/Podgorica',
  MK: 'Europe/Skopje',
  AL: 'Europe/Tirane',
  XK: 'Europe/Belgrade',
  SI: 'Europe/Ljubljana',
};

export function zoneOfCountry(country: string | null | undefined): string | null {
  return country ? (COUNTRY_ZONES[country] ?? null) : null;
}

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones staff may choose from: the region's, then the rest the runtime knows. */
export function timeZoneChoices(): string[] {
  const region = [...new Set([DEFAULT_TIME_ZONE, ...Object.values(COUNTRY_ZONES)])];
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...region, ...all.filter((z) => !region.includes(z))];
}

function formatter(language: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    // A tag the runtime does not know (or a bad zone): English, in the service's zone.
    return new Intl.DateTimeFormat('en', { ...options, timeZone: DEFAULT_TIME_ZONE });
  }
}

/** "Tuesday, 25 November, 10:00" in the reader's language and zone. */
export function formatWhen(at: Date, language: string, timeZone: string): string {
  return formatter(language, timeZone, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** "Tue 25 Nov, 10:00": short enough for a button. */
export function formatShort(at: Date, language: string, timeZone: string): string {
  return formatter(language, timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** "10:00" in a zone. */
export function formatClock(at: Date, language: string, timeZone: string): string {
  return formatter(language, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading of a moment in a zone. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The calendar date of a moment in a zone, `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/**
 * The moment a wall-clock time in a zone names (`2026-11-25`, `10:00`, Europe/Sarajevo), or null when
 * the date or time is not valid. A time skipped by a daylight-saving change is read an hour later.
 */
export function fromLocal(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (hour > 23 || minute > 59) return null;
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(guess);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Offset of the zone at the guess, then again at the result (the offset may change in between).
  const offsetAt = (ms: number): number => {
    const w = wallClock(new Date(ms), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  let result = guess - offsetAt(guess);
  result = guess - offsetAt(result);
  return new Date(result);
}

/** The moment of a wall-clock time on the calendar day `days` after the local date of `at`. */
export function atLocalTime(at: Date, days: number, time: string, timeZone: string): Date | null {
  const w = wallClock(at, timeZone);
  const day = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return fromLocal(day.toISOString().slice(0, 10), time, timeZone);
}
