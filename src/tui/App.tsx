import { useApp } from 'ink';
import { useRef, useState } from 'react';
import type { AnyScenario } from '../scenario/scenario.js';
import { RunController, type RunViewHost } from './controller.js';
import { Picker } from './components/Picker.js';
import { RunView } from './components/RunView.js';
import type { Session } from './session/session.js';
import type { Theme } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly scenarios: readonly AnyScenario[];
  /** Opens the run view directly (sim tui <id>); otherwise the picker comes first. */
  readonly session?: Session;
  readonly makeSession: (scenario: AnyScenario, seed: number) => Session;
  readonly defaultSeed: number;
  readonly theme: Theme;
  readonly host?: RunViewHost;
  /** Start the run view paused (tests); the CLI starts it running at a readable speed. */
  readonly paused?: boolean;
  readonly tickMs?: number;
  readonly wallClock?: () => number;
  /** Told of every session the app opens, so the caller can write its faults file on quit. */
  readonly onSession?: (session: Session) => void;
  /** Overrides the terminal size (tests). */
  readonly size?: { columns: number; rows: number };
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize();
  const size = props.size ?? terminal;
  const make = (session: Session) => new RunController(session, { paused: props.paused ?? false }, props.host);
  const controller = useRef<RunController | null>(props.session ? make(props.session) : null);
  const [, setOpened] = useState(0);

  if (controller.current === null) {
    return (
      <Picker
        items={props.scenarios}
        defaultSeed={props.defaultSeed}
        columns={size.columns}
        rows={size.rows}
        theme={props.theme}
        onQuit={() => exit()}
        onOpen={(id, seed) => {
          const scenario = props.scenarios.find((s) => s.id === id)!;
          const session = props.makeSession(scenario, seed);
          props.onSession?.(session);
          controller.current = make(session);
          setOpened((n) => n + 1);
        }}
      />
    );
  }
  return (
    <RunView
      controller={controller.current}
      columns={size.columns}
      rows={size.rows}
      theme={props.theme}
      onQuit={() => exit()}
      {...(props.tickMs === undefined ? {} : { tickMs: props.tickMs })}
      {...(props.wallClock === undefined ? {} : { wallClock: props.wallClock })}
    />
  );
}
