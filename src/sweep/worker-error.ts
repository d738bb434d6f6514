/** An error as it crosses between a worker thread and the main thread: its name, message and stack. */
import { isBadInputName } from '../io/errors.js';
import { userCodeError } from '../io/user-code-error.js';
import { BadInput } from '../scenario/settings.js';

export interface ErrorFields {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** What crosses to the main thread of an error; an exception from the user's scenario code goes as bad input, with their file:line. */
export function errorFields(thrown: unknown, cwd: string): ErrorFields {
  const e = userCodeError(thrown, cwd) ?? thrown;
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` };
  return { name: 'Error', message: String(e), stack: String(e) };
}

/**
 * The error again on the main thread: bad input as BadInput (one line,
 * exit 2), anything else as an Error with the worker's name and stack, as
 * if it had been thrown here.
 */
export function errorFromFields(f: ErrorFields): Error {
  if (isBadInputName(f.name)) return new BadInput(f.message);
  const e = new Error(f.message);
  e.name = f.name;
  e.stack = f.stack;
  return e;
}
