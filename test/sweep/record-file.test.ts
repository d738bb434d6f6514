/** The pieces under the sweep commands, in-process: record lines, file reading, sweep identity, shards. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard } from '../../src/cli/sweep-args.js';
import { canonicalJson, IdentityCheck } from '../../src/records/identity.js';
import { parseRecordLine, readRecords, recordLine } from '../../src/sweep/record-file.js';
import { seedFor, type RunRecord } from '../../src/records/run-record.js';

const dir = mkdtempSync(join(tmpdir(), 'failsim-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (index: number, base = 1): RunRecord => ({
  scenario: 's', index, seed: seedFor(base, index), params: { b: 2, a: 'x' }, digest: 'ffffffffffffffff', metrics: { m: index, gone: null }, claims: [{ name: 'c', pass: index % 2 === 0 }],
});

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function readAll(file: string, dropTruncatedLast: boolean) {
  const got: number[] = [];
  const r = readRecords(file, { dropTruncatedLast, what: 'test' }, (rec) => { got.push(rec.index); });
  return { ...r, got };
}

describe('sweep records', () => {
  it('a record survives its line, and the line has a fixed key order', () => {
    const r = record(3);
    const line = recordLine(r);
    expect(parseRecordLine(line)).toEqual(r);
    expect(line.startsWith('{"scenario":"s","index":3,"seed":4,"params":')).toBe(true);
    expect(parseRecordLine('{"scenario":"s"}')).toMatch(/^not a run record/);
    expect(parseRecordLine('{')).toBe('not valid JSON');
  });

  it('reads lines across chunk boundaries, with multi-byte characters', () => {
    const recs = Array.from({ length: 50 }, (_, i) => ({ ...record(i), params: { label: 'é→✓'.repeat(i) } }));
    const file = write('many.ndjson', recs.map((r) => `${recordLine(r)}\n`).join(''));
    const got: RunRecord[] = [];
    readRecords(file, { dropTruncatedLast: false, what: 'test' }, (r) => { got.push(r); });
    expect(got).toEqual(recs);
  });

  it('drops a cut-off last line only when asked, and reports where the good bytes end', () => {
    const good = `${recordLine(record(0))}\n${recordLine(record(1))}\n`;
    const file = write('cut.ndjson', `${good}${recordLine(record(2)).slice(0, 10)}`);
    const r = readAll(file, true);
    expect(r.got).toEqual([0, 1]);
    expect(r.validBytes).toBe(Buffer.byteLength(good));
    expect(r.dropped?.lineNo).toBe(3);
    expect(() => readAll(file, false)).toThrow(/line 3: not valid JSON/);
  });

  it('a complete last line without its newline is dropped too (a write cut just before it)', () => {
    const file = write('no-newline.ndjson', `${recordLine(record(0))}\n${recordLine(record(1))}`);
    const r = readAll(file, true);
    expect(r.got).toEqual([0]);
    expect(r.dropped?.reason).toMatch(/no newline/);
  });

  it('a bad line before the last is an error even when dropping is allowed', () => {
    const file = write('middle.ndjson', `${recordLine(record(0))}\n\n${recordLine(record(1))}\n`);
    expect(() => readAll(file, true)).toThrow(/line 2: empty line/);
  });

  it('an empty file holds no records', () => {
    expect(readAll(write('empty.ndjson', ''), true)).toMatchObject({ got: [], validBytes: 0, dropped: undefined });
  });

  it('identity: same params in any key order pass and share one object; others fail with the difference', () => {
    const params = { a: 'x', b: 2 };
    const check = new IdentityCheck({ scenario: 's', params, baseSeed: 1 });
    expect(check.check(record(4), 'here').params).toBe(params);
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(() => check.check({ ...record(4), params: { a: 'y', b: 2 } }, 'here')).toThrow(/here: run 4 has a="y", but a="x" in this sweep/);
    expect(() => check.check(record(4, 2), 'here')).toThrow(/started from --seed 2, but this sweep from --seed 1/);
    expect(() => check.check({ ...record(4), scenario: 't' }, 'here')).toThrow(/scenario "t", but this sweep is of "s"/);
  });

  it('shards: i/n, or n with JOB_COMPLETION_INDEX', () => {
    expect(parseShard('1/3', undefined, {})).toEqual({ index: 1, count: 3 });
    expect(parseShard(undefined, '3', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 3 });
    expect(parseShard(undefined, undefined, { JOB_COMPLETION_INDEX: '2' })).toBeUndefined();
    expect(() => parseShard('3/3', undefined, {})).toThrow(/out of range/);
    expect(() => parseShard('-1/3', undefined, {})).toThrow(/expected i\/n/);
    expect(() => parseShard(undefined, '3', { JOB_COMPLETION_INDEX: 'x' })).toThrow(/JOB_COMPLETION_INDEX "x"/);
  });
});
