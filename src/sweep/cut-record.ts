/**
 * Whether `text`, the cut-off last line of a file given to `--resume`, is
 * what a sweep of `scenario` leaves when killed while writing a record: the
 * start of a record line (recordLine: `{"scenario":"<id>","index":...`), or
 * a record line itself. Anything else (a config file, someone's notes) means
 * the file is not this sweep's run file, and it is left alone.
 */
export function isCutRecordOf(scenario: string, text: string): boolean {
  const head = `{"scenario":${JSON.stringify(scenario)},"index":`;
  return text.length > 0 && (text.startsWith(head) || head.startsWith(text));
}
