import { render } from 'ink';
import { performance } from 'node:perf_hooks';
import { App, type AppProps } from './App.js';
import { sessionReplay, writeSessionFaults, type FaultsOutput } from './faults-output.js';
import type { Session } from './session/session.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?25h\u001b[?1049l';
/** Wall-clock pacing: the TUI advances virtual time by speed x elapsed at this interval. */
const TICK_MS = 100;

export interface TuiOptions extends Pick<AppProps, 'scenarios' | 'session' | 'makeSession' | 'defaultSeed' | 'theme'> {
  readonly paused: boolean;
  readonly output: FaultsOutput;
  readonly out: (text: string) => void;
}

/**
 * Runs the TUI on the process's terminal (the caller has checked it is one)
 * until the person quits. Ink 6 has no alternate-screen option, so it is
 * entered and left here, and left on every way out: q, ctrl-c (a key in raw
 * mode), SIGINT/SIGTERM/SIGHUP from outside, or an error. Afterwards the
 * session's faults file is written if faults were injected, and the command
 * that replays the session is printed.
 */
export async function runTui(o: TuiOptions): Promise<void> {
  let current: Session | null = o.session ?? null;
  // On `w`, a file that may not be written (one that appeared since, a full disk) is said on the status line.
  const writeFaults = (s: Session) => {
    try {
      const w = writeSessionFaults(s, o.output);
      return `${w.summary}; replay: ${w.replay}`;
    } catch (e) {
      return `not written: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  const stdout = process.stdout;
  stdout.write(ENTER_ALT_SCREEN);
  let app: ReturnType<typeof render> | undefined;
  const stop = () => app?.unmount();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const sig of signals) process.on(sig, stop);
  try {
    app = render(
      <App
        scenarios={o.scenarios}
        {...(o.session ? { session: o.session } : {})}
        makeSession={o.makeSession}
        defaultSeed={o.defaultSeed}
        theme={o.theme}
        host={{ writeFaults }}
        paused={o.paused}
        tickMs={TICK_MS}
        wallClock={() => performance.now()}
        onSession={(s) => { current = s; }}
      />,
      { exitOnCtrlC: false, patchConsole: false },
    );
    await app.waitUntilExit();
  } finally {
    for (const sig of signals) process.off(sig, stop);
    stdout.write(LEAVE_ALT_SCREEN);
  }
  const session = current as Session | null;
  if (session === null) return;
  if (session.live.length > 0) {
    const w = writeSessionFaults(session, o.output);
    o.out(`${w.summary}\nreplay: ${w.replay}\n`);
  } else {
    o.out(`no faults injected live; replay: ${sessionReplay(session, o.output.scenarioRef(session), undefined)}\n`);
  }
}
