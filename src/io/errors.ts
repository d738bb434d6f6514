/**
 * Bad input from the command line: a wrong flag, an unknown scenario, a
 * file that does not parse. The CLI prints its message as one line and
 * exits 2. (BadInput from the scenario API means the same; it is matched by
 * name so a scenario module with its own copy of failsim is handled too.)
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** True for errors that are the user's input, not a bug: they get one line and exit code 2. */
export function isBadInput(e: unknown): e is Error {
  return e instanceof Error && isBadInputName(e.name);
}

/**
 * Whether an error of this name is bad input (also for errors that crossed a
 * thread as name and message). StalledClock: a scenario whose virtual time
 * stopped advancing (see kernel/stalled-clock.ts); ModelError: a process
 * that yielded what is not an event (kernel/model-error.ts).
 */
export function isBadInputName(name: string): boolean {
  return name === 'UsageError' || name === 'BadInput' || name === 'StalledClock' || name === 'ModelError';
}

/** An error's message squeezed onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The most of a user's input an error message repeats back, in characters. */
export const ECHO_MAX = 80;
/** The longest bad-input line printed, whatever it lists. */
const LINE_MAX = 1000;

/** A quoted input longer than ECHO_MAX: its opening quote starts a word, its closing one ends it (so the text between two quoted inputs is not taken for one). */
const QUOTED_LONG = new RegExp(`(^|[\\s(=])"([^"]{${ECHO_MAX + 1},})"(?=$|[\\s:;,.)|])`, 'g');

/** `text` cut to `max` characters, ending in "…" where it was cut. */
export function cutEcho(text: string, max: number = ECHO_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A bad-input message as printed: one line, each quoted input in it ("...",
 * the way every message quotes what it repeats) cut to ECHO_MAX characters,
 * so a 1 MB argument or file name comes back as 80 characters, not 1 MB.
 */
export function errorLine(message: string): string {
  const line = oneLine(message).replace(QUOTED_LONG, (_all, before: string, inner: string) => `${before}"${cutEcho(inner)}"`);
  return cutEcho(line, LINE_MAX);
}

/** The node error code of a failed fs call, as words. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a parent is not a directory';
    case 'ENOSPC': return 'no space left on device';
    default: return oneLine(e instanceof Error ? e.message : String(e));
  }
}
