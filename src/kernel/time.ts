/**
 * Virtual time. The clock counts integer microseconds: integers never tie by
 * rounding accident, and 2^53 µs is 285 years, far beyond any horizon we run.
 * Every kernel time and duration is in µs; these helpers make call sites read
 * in the unit a person thinks in (`sim.sleep(ms(250))`).
 */
export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;

export const us = (n: number): Micros => Math.round(n);
export const ms = (n: number): Micros => Math.round(n * US_PER_MS);
export const sec = (n: number): Micros => Math.round(n * US_PER_S);
export const minutes = (n: number): Micros => Math.round(n * 60 * US_PER_S);

/**
 * The longest run, in ms: 9e12 ms, about 285 years. The clock counts integer
 * µs in a double, exact up to Number.MAX_SAFE_INTEGER (2^53 - 1 µs, 9.007e12
 * ms); past that, two instants a µs apart can be the same number and event
 * order breaks silently, so every horizon and fault time stays below it. Not
 * lower: the availability examples simulate ten years by default (3.2e12 ms).
 * A horizon beyond this (a typo of a few zeros) is refused, not run forever.
 */
export const MAX_RUN_MS = 9e12;

export const toMs = (t: Micros): number => t / US_PER_MS;
export const toSec = (t: Micros): number => t / US_PER_S;

/** `t` as seconds with millisecond precision, the way timelines print it: "61.234s". */
export function formatTime(t: Micros): string {
  return `${(t / US_PER_S).toFixed(3)}s`;
}

/** A duration for people: "850ms", "12.3s", "4m05s", "3h07m", "41.7d". */
export function formatDuration(d: Micros): string {
  const msv = d / US_PER_MS;
  if (Math.abs(msv) < 1000) return `${Math.round(msv)}ms`;
  const s = msv / 1000;
  if (Math.abs(s) < 120) return `${s.toFixed(1)}s`;
  const sign = s < 0 ? '-' : '';
  // Round once, at the finest unit shown, so 59.6 s never prints as "60s".
  const totalS = Math.round(Math.abs(s));
  if (totalS < 120 * 60) return `${sign}${Math.floor(totalS / 60)}m${String(totalS % 60).padStart(2, '0')}s`;
  const totalM = Math.round(Math.abs(s) / 60);
  if (totalM < 48 * 60) return `${sign}${Math.floor(totalM / 60)}h${String(totalM % 60).padStart(2, '0')}m`;
  return `${sign}${(Math.abs(s) / 86_400).toFixed(1)}d`;
}

/** A duration as people write one: a number and an optional unit (exported for the faults file's JSON Schema). */
export const DURATION_RE = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)?$/;
const UNIT_US: Record<string, number> = { us: 1, 'µs': 1, ms: US_PER_MS, s: US_PER_S, m: 60 * US_PER_S, h: 3600 * US_PER_S };

/**
 * Parses "180s", "2.5m", "500ms" or a bare number (milliseconds, like every
 * `...Ms` parameter). Returns undefined for anything else so callers can word
 * their own error.
 */
export function parseDuration(text: string | number, bareUnit: 'ms' | 's' = 'ms'): Micros | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text * UNIT_US[bareUnit]!) : undefined;
  const m = DURATION_RE.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_US[m[2] ?? bareUnit]!);
}
