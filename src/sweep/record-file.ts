/**
 * Sweep result files: one RunRecord per line (NDJSON), no header. Each line
 * is written whole with one writeSync as soon as its run finishes, so a
 * sweep killed at any moment leaves every finished run in the file and at
 * most one half-written line at the end.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { jsonDepthProblem } from '../scenario/json-depth.js';
import { BadInput } from '../scenario/settings.js';
import { outcomesOf, type RunRecord } from '../records/run-record.js';

export const RunRecordSchema = z.strictObject({
  scenario: z.string().min(1),
  index: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  params: z.record(z.string(), z.unknown()),
  digest: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits'),
  metrics: z.record(z.string(), z.number().nullable()),
  claims: z.array(z.strictObject({ name: z.string(), pass: z.boolean() })),
  invariants: z.array(z.strictObject({ name: z.string(), pass: z.boolean() })).optional(),
});

/** The record's line, without the newline. Key order is fixed, so equal records give equal lines. */
export function recordLine(r: RunRecord): string {
  return JSON.stringify({
    scenario: r.scenario,
    index: r.index,
    seed: r.seed,
    params: r.params,
    digest: r.digest,
    metrics: r.metrics,
    claims: outcomesOf(r.claims),
    ...(r.invariants === undefined ? {} : { invariants: outcomesOf(r.invariants) }),
  });
}

/** A record from one line, or a one-line reason it is not one. */
export function parseRecordLine(text: string): RunRecord | string {
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep !== null) return `not a run record (${tooDeep})`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const r = RunRecordSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : JSON.stringify(String(p)))).join(' ');
  return `not a run record (${path === '' ? '' : `${path}: `}${issue.message.replace(/\s+/g, ' ')})`;
}

export interface FileLine {
  /** 1-based line number. */
  readonly lineNo: number;
  readonly text: string;
  /** Byte offset just past this line's newline (or past its last byte if it has none). */
  readonly end: number;
  readonly newline: boolean;
}

/** The lines of a file, read in chunks: a file of any size is never held whole. */
export function* fileLines(file: string, chunkBytes = 1 << 20): Generator<FileLine> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    let pending: Buffer[] = [];
    let pendingLen = 0;
    let offset = 0;
    let lineNo = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, offset);
      if (n === 0) break;
      let start = 0;
      for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < n; nl = buf.indexOf(10, start)) {
        const piece = buf.subarray(start, nl);
        const text = pendingLen === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
        pending = [];
        pendingLen = 0;
        yield { lineNo: ++lineNo, text, end: offset + nl + 1, newline: true };
        start = nl + 1;
      }
      if (start < n) {
        pending.push(Buffer.from(buf.subarray(start, n)));
        pendingLen += n - start;
      }
      offset += n;
    }
    if (pendingLen > 0) yield { lineNo: ++lineNo, text: Buffer.concat(pending).toString('utf8'), end: offset, newline: false };
  } finally {
    closeSync(fd);
  }
}

export interface ReadRecords {
  /** Bytes of the file that hold complete records (a dropped last line is past it). */
  readonly validBytes: number;
  /** The last line, if it was cut off (no newline, or not JSON) and `dropTruncatedLast` allowed dropping it. */
  readonly dropped: { readonly lineNo: number; readonly reason: string; readonly text: string } | undefined;
  readonly count: number;
}

/**
 * Reads every record of a sweep file and hands each to `onRecord` (which may
 * throw BadInput to reject it, e.g. a record of another sweep). A line that
 * is not a record is an error naming the file and line, except the last line
 * when `dropTruncatedLast` is set and the line looks cut off (no final
 * newline, or not JSON): a sweep killed mid-write leaves such a line, and
 * resuming drops it and runs that index again.
 */
export function readRecords(file: string, options: { dropTruncatedLast: boolean; what: string }, onRecord: (r: RunRecord, lineNo: number) => void): ReadRecords {
  let validBytes = 0;
  let count = 0;
  let bad: { lineNo: number; reason: string; newline: boolean; text: string } | undefined;
  for (const line of fileLines(file)) {
    if (bad !== undefined) throw new BadInput(`${options.what} "${file}": line ${bad.lineNo}: ${bad.reason}`);
    const parsed = line.text.trim() === '' ? 'empty line' : parseRecordLine(line.text);
    if (typeof parsed === 'string' || !line.newline) {
      bad = { lineNo: line.lineNo, reason: typeof parsed === 'string' ? parsed : 'no newline at the end (cut off)', newline: line.newline, text: line.text };
      continue;
    }
    onRecord(parsed, line.lineNo);
    validBytes = line.end;
    count++;
  }
  if (bad === undefined) return { validBytes, dropped: undefined, count };
  // A line with its newline that parses as JSON was written whole, not cut off: one that is no record is as wrong as anywhere else.
  const whole = bad.newline && bad.reason.startsWith('not a run record');
  if (!options.dropTruncatedLast || whole) {
    const hint = bad.newline ? '' : ' (a sweep stopped while writing it? continue that sweep with --resume)';
    throw new BadInput(`${options.what} "${file}": line ${bad.lineNo}: ${bad.reason}${hint}`);
  }
  return { validBytes, dropped: { lineNo: bad.lineNo, reason: bad.reason, text: bad.text }, count };
}
