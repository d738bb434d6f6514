import { formatDuration, US_PER_MS } from '../kernel/time.js';
import type { MetricInfo } from '../scenario/scenario.js';

/** 1234567 -> "1,234,567". Locale-free, so reports are the same everywhere. */
export function groupDigits(int: string): string {
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${grouped}` : grouped;
}

/** A plain number: integers grouped, fractions to at most `decimals` places, "n/a" for NaN. */
export function formatNumber(v: number, decimals = 3): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isInteger(v)) return groupDigits(String(v));
  const fixed = v.toFixed(decimals).replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.');
  return frac === undefined ? groupDigits(int!) : `${groupDigits(int!)}.${frac}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function formatBytes(v: number): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= 1024 && i < BYTE_UNITS.length - 1) { x /= 1024; i++; }
  return i === 0 ? `${formatNumber(x, 0)} B` : `${x.toFixed(1)} ${BYTE_UNITS[i]}`;
}

/** A metric value in its unit: ms as a duration ("850ms", "31.2s", "4m05s"), percent with %, counts grouped. */
export function formatMetric(v: number, unit: MetricInfo['unit'] | undefined): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  switch (unit) {
    case 'ms': return formatDuration(v * US_PER_MS);
    case 'percent': return `${formatNumber(v, 2)}%`;
    case 'ratio': return formatNumber(v, 4);
    case 'count': return formatNumber(v, 2);
    case 'bytes': return formatBytes(v);
    case 'per_s': return `${formatNumber(v, 1)}/s`;
    default: return formatNumber(v);
  }
}

/** A parameter value as written after `--set key=`. */
export function formatParam(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? String(v);
}

/** Quotes `s` for a POSIX shell if it needs quoting. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}
