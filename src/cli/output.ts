import { ansiPalette, plainPalette, type Palette } from '../report/palette.js';

/** Where the CLI writes. Injected so tests can run commands without a terminal. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  readonly stderrIsTTY?: boolean;
  /** Width of the stderr terminal, if known. */
  readonly stderrColumns?: () => number | undefined;
  /**
   * Calls `handler` on SIGINT and SIGTERM instead of the default (which kills
   * the process) until the returned function is called. Absent in tests that
   * run commands in-process.
   */
  readonly onInterrupt?: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void;
}

export function processIo(): Io {
  // A closed pipe (`sim run ... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'EPIPE') throw e; });
  return {
    out: (text) => { process.stdout.write(text); },
    err: (text) => { process.stderr.write(text); },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: () => process.stderr.columns,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}

/**
 * Whether stdout gets colour, in this order: `--color`/`--no-color`; then
 * NO_COLOR (set and non-empty: off, see no-color.org); then FORCE_COLOR (set,
 * non-empty and not "0"/"false": on, see force-color.org); then TERM=dumb
 * (off); otherwise on only when stdout is a terminal.
 */
export function wantColor(io: Io, flag: boolean | undefined): boolean {
  return colorFor(io, flag, io.stdoutIsTTY);
}

export function paletteFor(io: Io, flag: boolean | undefined): Palette {
  return wantColor(io, flag) ? ansiPalette : plainPalette;
}

/** The palette of stderr (progress bars): NO_COLOR and TERM=dumb turn colour off, FORCE_COLOR on; else only on a terminal. */
export function stderrPaletteFor(io: Io, flag: boolean | undefined): Palette {
  return colorFor(io, flag, io.stderrIsTTY === true) ? ansiPalette : plainPalette;
}

/** Whether a live status line may be drawn (and redrawn with \r) on stderr: only on a terminal that is not dumb. */
export function drawsOnStderr(io: Io): boolean {
  return io.stderrIsTTY === true && io.env.TERM !== 'dumb';
}

/** The flag, else the environment (NO_COLOR, FORCE_COLOR, TERM=dumb), else whether the stream is a terminal. */
function colorFor(io: Io, flag: boolean | undefined, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return FORCE_COLOR !== '0' && FORCE_COLOR !== 'false';
  if (TERM === 'dumb') return false;
  return isTTY;
}
