import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadInput, parseSettings, resolveParams } from '../../src/scenario/settings.js';

const schema = z.object({
  replication: z.enum(['sync', 'asynchronous']).default('sync'),
  commitMode: z.enum(['after', 'before', 'auto']).default('after'),
  ttlMs: z.number().positive().default(10_000),
});

const set = (...s: string[]) => resolveParams(schema, parseSettings(schema, s));

describe('--set parsing', () => {
  it('a choice may be shortened to a prefix that names one option alone', () => {
    expect(set('replication=async').replication).toBe('asynchronous');
    expect(set('replication=s').replication).toBe('sync');
    expect(set('commitMode=be', 'commitMode=au').commitMode).toBe('auto'); // the last setting wins
  });

  it('an exact name wins over a longer option it prefixes, and an ambiguous prefix is refused with the options', () => {
    const nested = z.object({ mode: z.enum(['once', 'on']).default('once') });
    expect(resolveParams(nested, parseSettings(nested, ['mode=on'])).mode).toBe('on');
    expect(() => resolveParams(nested, parseSettings(nested, ['mode=o']))).toThrow(/mode="o"/);
    expect(() => set('commitMode=a')).toThrow(BadInput);
    expect(() => set('commitMode=a')).toThrow(/commitMode="a".*"after"\|"before"\|"auto"/);
    expect(() => set('replication=')).toThrow(/replication=""/);
  });

  it('numbers are parsed, not prefixed', () => {
    expect(set('ttlMs=2000').ttlMs).toBe(2000);
    expect(() => set('ttlMs=2e')).toThrow(/expected a number/);
  });
});
