import type { AnyScenario } from '../../scenario/scenario.js';
import type { Charset } from '../../tui/chart.js';
import { DEFAULT_SEED } from '../args.js';
import { UsageError } from '../../io/errors.js';
import { TUI_HELP } from '../help.js';
import { builtInScenarios, loadScenario } from '../../io/load-scenario.js';
import { wantColor, type Io } from '../output.js';
import { outputFile, sessionWriter } from '../../io/output-file.js';
import { parseTuiArgs } from '../tui-args.js';

/** Whether stdin and stdout are terminals; injected so tests can say either. */
export interface Terminal {
  readonly stdin: boolean;
  readonly stdout: boolean;
}

const processTerminal = (): Terminal => ({ stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true });

/**
 * `sim tui [scenario] [--seed N] [--set k=v]...`: the interactive terminal
 * UI. Every input is checked, and the terminal too, before Ink is loaded:
 * Ink needs raw mode on a TTY, so without one this is bad input (exit 2)
 * that points to `sim run`.
 */
export async function tuiCommand(argv: readonly string[], io: Io, cwd: string, terminal: Terminal = processTerminal()): Promise<number> {
  const args = parseTuiArgs(argv);
  if (args.help) { io.out(TUI_HELP); return 0; }
  const out = args.out === undefined ? undefined : outputFile('--out', args.out, cwd, args.force);
  if (!terminal.stdin || !terminal.stdout) {
    const instead = `sim run ${args.scenario ?? '<scenario>'}${args.seed !== DEFAULT_SEED ? ` --seed ${args.seed}` : ''}`;
    throw new UsageError(`tui: needs an interactive terminal (stdin and stdout must be a TTY); for a report without one use \`${instead}\``);
  }
  const loaded = args.scenario === undefined ? undefined : await loadScenario(args.scenario, cwd);
  const { parseSettings, resolveParams } = await import('../../scenario/settings.js');
  const overrides = loaded ? parseSettings(loaded.scenario.params, args.sets) : {};
  if (loaded) resolveParams(loaded.scenario.params, overrides);
  const scenarios: readonly AnyScenario[] = loaded ? [loaded.scenario, ...(await builtInScenarios()).filter((s) => s.id !== loaded.scenario.id)] : await builtInScenarios();

  const color = wantColor(io, args.color);
  // Ink colours through chalk, which ignores NO_COLOR; chalk reads FORCE_COLOR when first loaded, below.
  if (!color) process.env.FORCE_COLOR = '0';
  // Ink draws no frame but the last when it thinks it runs in CI (is-in-ci reads
  // CI and CONTINUOUS_INTEGRATION once, when Ink is first loaded, below). Both
  // ends were just found to be a terminal, so a person is watching: a CI variable
  // left in a shell or set by a job that runs this under tmux must not blank it.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const charset: Charset = args.charset ?? (io.env.TERM === 'dumb' ? 'ascii' : 'block');
  const [{ Session }, { makeTheme }, { runTui }] = await Promise.all([
    import('../../tui/session/session.js'),
    import('../../tui/theme.js'),
    import('../../tui/main.js'),
  ]);
  const makeSession = (scenario: AnyScenario, seed: number) => new Session({ scenario, seed, params: scenario === loaded?.scenario ? overrides : {} });
  const session = loaded ? makeSession(loaded.scenario, args.seed) : undefined;
  await runTui({
    scenarios,
    ...(session ? { session } : {}),
    makeSession,
    defaultSeed: args.seed,
    theme: makeTheme(color, charset),
    paused: args.paused,
    output: { file: args.out, cwd, write: sessionWriter('--out', out, cwd, args.force), scenarioRef: (s) => (loaded && s.scenario === loaded.scenario ? args.scenario! : s.scenario.id) },
    out: (text) => io.out(text),
  });
  return 0;
}
