import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { entryFromTraceLine } from '../diff/trace-entry.js';
import { z } from 'zod';
import { JsonReportSchema } from '../report/json-schema.js';
import { jsonDepthProblem } from '../scenario/json-depth.js';
import { fileLines } from '../sweep/record-file.js';
import { UsageError, describeFsError, oneLine } from '../io/errors.js';

/**
 * What `sim diff` reads of a report: the run's identity, its digest and its
 * timeline, checked as JsonReportSchema checks them. Other fields are not
 * needed, so a report written before or after fields were added is read
 * all the same.
 */
const ReportIdentitySchema = z.object(JsonReportSchema.pick({
  failsim: true, scenario: true, seed: true, params: true, untilMs: true, faults: true, digest: true, traceRecords: true, timeline: true,
}).shape);
export type ReportIdentity = z.infer<typeof ReportIdentitySchema>;

/** A file given to `sim diff`: a run's `--trace` or its `--json` report. */
export type DiffInput =
  | { readonly kind: 'trace'; readonly file: string; readonly path: string }
  | { readonly kind: 'report'; readonly file: string; readonly path: string; readonly report: ReportIdentity };

const EXPECTED = 'expected the output of sim run --json or a sim run --trace file';

/**
 * Which of the two a file is, checked before anything runs. A trace file is
 * recognised by its first line (the rest is read only when compared); a
 * report is read whole and its identity checked (see ReportIdentitySchema). `file` is as
 * typed (for messages), read relative to `cwd`.
 */
export function readDiffInput(file: string, cwd: string): DiffInput {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`diff: "${file}": not a file (${EXPECTED})`);
    size = st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`diff: "${file}": ${describeFsError(e)}`);
  }
  if (size === 0) throw new UsageError(`diff: "${file}": empty file (${EXPECTED})`);
  const first = firstLine(path, file);
  if (entryFromTraceLine(first, 1) !== null) return { kind: 'trace', file, path };
  let value: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    const tooDeep = jsonDepthProblem(text);
    if (tooDeep !== null) throw new UsageError(`diff: "${file}": ${tooDeep}`);
    value = JSON.parse(text);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof SyntaxError) throw new UsageError(`diff: "${file}": neither a JSON document nor a trace file (${EXPECTED})`);
    throw new UsageError(`diff: "${file}": ${describeFsError(e)}`);
  }
  const parsed = ReportIdentitySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new UsageError(`diff: "${file}": not a sim run --json report (${path === '' ? '' : `${path}: `}${oneLine(issue.message)})`);
  }
  return { kind: 'report', file, path, report: parsed.data };
}

function firstLine(path: string, file: string): string {
  try {
    for (const line of fileLines(path, 1 << 16)) return line.text;
  } catch (e) {
    throw new UsageError(`diff: "${file}": ${describeFsError(e)}`);
  }
  return '';
}
