import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, isBadInputName } from './errors.js';

/** failsim's own folder: the parent of dist/ when built, the checkout when run from source. */
const OWN_ROOT = ownRoot();
/** failsim's own code (and its tests), below OWN_ROOT: whatever throws only there is a bug of ours, not the user's. */
const OWN_DIRS = ['dist', 'src', 'models', 'scenarios', 'test', 'bench', 'node_modules'].map((d) => `${OWN_ROOT}${sep}${d}${sep}`);
/** User frames named in the message: where it was thrown, and what called that. */
const SHOWN_FRAMES = 3;

function ownRoot(): string {
  const up = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
  return up.endsWith(`${sep}dist`) ? up.slice(0, -`${sep}dist`.length) : up;
}

/**
 * An exception thrown by a user's own scenario code (in build, a process,
 * a claim, a metric, or while the module loads), as bad input: its message
 * and where in the user's files it came from, on one line, without
 * failsim's frames. A thrown value that is not an Error, or an Error with
 * no stack at all, is the user's too. Undefined when the stack has frames
 * but none is the user's (a bug of failsim's), or it is already bad input.
 */
export function userCodeError(e: unknown, cwd: string, prefix = ''): UsageError | undefined {
  // failsim throws only Errors: a thrown string, null or plain object (`throw "boom"`) is the user's code.
  if (!(e instanceof Error)) return new UsageError(`${prefix}the scenario's code threw ${thrownValue(e)}, not an Error (throw new Error(...) to see its file:line here)`);
  if (isBadInputName(e.name)) return undefined;
  const frames = userFrames(e.stack ?? '', cwd);
  // An Error without a single stack frame (its stack deleted, or Error.stackTraceLimit = 0) was not made by failsim either.
  if (frames.length === 0) return /^\s+at /m.test(e.stack ?? '') ? undefined : new UsageError(`${prefix}${e.name}: ${e.message} (thrown without a stack, so no file:line)`);
  const calledFrom = frames.length > 1 ? ` (called from ${frames.slice(1).join(', ')})` : '';
  return new UsageError(`${prefix}${frames[0]}: ${e.name}: ${e.message}${calledFrom}`);
}

/** A thrown value that is not an Error, as a message shows it: "undefined", "the string \"boom\"", "an object". */
function thrownValue(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

/** "file:line:col" of the stack's frames in the user's files, innermost first, relative to cwd where inside it. */
export function userFrames(stack: string, cwd: string): string[] {
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!m) continue;
    const file = toPath(m[1]!);
    if (file === undefined || OWN_DIRS.some((d) => file.startsWith(d)) || file.includes(`${sep}node_modules${sep}`)) continue;
    const shown = relative(cwd, file);
    out.push(`${shown.startsWith('..') || isAbsolute(shown) ? file : shown}:${m[2]}:${m[3]}`);
    if (out.length === SHOWN_FRAMES) break;
  }
  return out;
}

/** A stack frame's location as a file path, or undefined for node internals and evaluated code. */
function toPath(location: string): string | undefined {
  const bare = location.replace(/\?.*$/, '');
  if (bare.startsWith('file://')) {
    try { return fileURLToPath(bare); } catch { return undefined; }
  }
  return isAbsolute(bare) ? bare : undefined;
}
