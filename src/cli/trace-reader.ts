import { entryFromTraceLine, type TraceEntry } from '../diff/trace-entry.js';
import { fileLines } from '../sweep/record-file.js';
import { UsageError } from '../io/errors.js';

/**
 * The records of a `--trace` file, read in chunks as they are asked for: a
 * comparison that stops at record 40 reads little more than 40 lines of a
 * file of any size. A line that is not a trace record is bad input naming
 * the file (as `name`) and line.
 */
export function* traceEntries(file: string, what: string, name = file): Generator<TraceEntry> {
  for (const line of fileLines(file)) {
    const entry = entryFromTraceLine(line.text, line.lineNo);
    if (entry === null) {
      throw new UsageError(`${what}: "${name}" line ${line.lineNo}: not a trace record (expected a line of sim run --trace: {"t":...,"chain":"<16 hex digits>"})`);
    }
    yield entry;
  }
}
