import { UsageError, errorLine, isBadInput } from '../io/errors.js';
import { MAIN_HELP, helpFor, version } from './help.js';
import type { Io } from './output.js';
import { userCodeError } from '../io/user-code-error.js';
import { EXIT } from './exit-codes.js';

/**
 * Runs the `sim` command line and returns its exit code. Commands are
 * imported on demand, so `sim --help` loads neither zod nor any model.
 */
export async function cli(argv: readonly string[], io: Io, cwd: string = process.cwd()): Promise<number> {
  try {
    return await dispatch(argv, io, cwd);
  } catch (thrown) {
    // An exception from the user's own scenario code is bad input too: its message and their file:line.
    const e = userCodeError(thrown, cwd) ?? thrown;
    if (isBadInput(e)) {
      io.err(`sim: ${errorLine(e.message)}\n`);
      return EXIT.badInput;
    }
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    io.err(`sim: internal error: ${text}\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: readonly string[], io: Io, cwd: string): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined: case '-h': case '--help':
      io.out(MAIN_HELP);
      return EXIT.ok;
    case '-V': case '--version': case 'version':
      io.out(`${version()}\n`);
      return EXIT.ok;
    case 'help': {
      if (rest[0] === 'faults') return (await import('./commands/help-faults.js')).helpFaultsCommand(rest.slice(1), io, cwd);
      const text = helpFor(rest[0]);
      if (text === undefined) throw new UsageError(`help: unknown command "${rest[0]}" (commands: list, run, sweep, compare, matrix, merge, check, diff, tui)`);
      io.out(text);
      return EXIT.ok;
    }
    case 'list':
      return (await import('./commands/list.js')).listCommand(rest, io);
    case 'run':
      return (await import('./commands/run.js')).runCommand(rest, io, cwd);
    case 'sweep':
      return (await import('./commands/sweep.js')).sweepCommand(rest, io, cwd);
    case 'merge':
      return (await import('./commands/merge.js')).mergeCommand(rest, io, cwd);
    case 'compare':
      return (await import('./commands/compare.js')).compareCommand(rest, io, cwd);
    case 'matrix':
      return (await import('./commands/matrix.js')).matrixCommand(rest, io, cwd);
    case 'check':
      return (await import('./commands/check.js')).checkCommand(rest, io, cwd);
    case 'tui':
      return (await import('./commands/tui.js')).tuiCommand(rest, io, cwd);
    case 'diff':
      return (await import('./commands/diff.js')).diffCommand(rest, io, cwd);
    default:
      if (command.startsWith('-')) throw new UsageError(`unknown option ${command} (see sim --help)`);
      throw new UsageError(`unknown command "${command}" (commands: list, run, sweep, compare, matrix, merge, check, diff, tui, help)`);
  }
}
