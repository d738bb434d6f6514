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

/** Whether an error of this name is bad input (also for errors that crossed a thread as name and message). */
export function isBadInputName(name: string): boolean {
  return name === 'UsageError' || name === 'BadInput';
}

/** An error's message squeezed onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
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
