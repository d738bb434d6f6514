import { describe, expect, it } from 'vitest';
import { formatDuration, formatTime, minutes, ms, parseDuration, sec, toMs, toSec, us } from '../../src/kernel/time.js';

describe('time helpers (µs)', () => {
  it('converts to integer microseconds', () => {
    expect(us(1.4)).toBe(1);
    expect(ms(250)).toBe(250_000);
    expect(ms(0.0015)).toBe(2);
    expect(sec(1.5)).toBe(1_500_000);
    expect(minutes(2)).toBe(120_000_000);
    expect(toMs(1_500)).toBe(1.5);
    expect(toSec(2_500_000)).toBe(2.5);
  });

  it('formats times and durations', () => {
    expect(formatTime(61_234_000)).toBe('61.234s');
    expect(formatDuration(850_000)).toBe('850ms');
    expect(formatDuration(12_300_000)).toBe('12.3s');
    expect(formatDuration(245_000_000)).toBe('4m05s');
    expect(formatDuration(239_600_000)).toBe('4m00s'); // 3m59.6s rounds up whole, never "3m60s"
    expect(formatDuration(-245_000_000)).toBe('-4m05s');
    expect(formatDuration(3 * 3600e6 + 7 * 60e6 + 20e6)).toBe('3h07m');
    expect(formatDuration(1_000 * 3600e6)).toBe('41.7d');
  });

  it('parses durations with units, bare numbers in the given unit, and rejects junk', () => {
    expect(parseDuration('180s')).toBe(180_000_000);
    expect(parseDuration('2.5m')).toBe(150_000_000);
    expect(parseDuration('500ms')).toBe(500_000);
    expect(parseDuration('7us')).toBe(7);
    expect(parseDuration('1h')).toBe(3_600_000_000);
    expect(parseDuration('250')).toBe(250_000);
    expect(parseDuration('3', 's')).toBe(3_000_000);
    expect(parseDuration(40)).toBe(40_000);
    expect(parseDuration(' 10s ')).toBe(10_000_000);
    for (const bad of ['', 'abc', '-5s', '5 parsecs', '1e3']) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Infinity)).toBeUndefined();
  });
});
