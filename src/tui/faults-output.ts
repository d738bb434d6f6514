import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { replayCommand } from '../report/replay.js';
import { defaultsOf } from '../scenario/settings.js';
import type { Session } from './session/session.js';

/** Where and how a session's faults file is written, and the command that replays it. */
export interface FaultsOutput {
  /** The scenario as the user named it (id or module path), for the replay command. */
  readonly scenarioRef: (session: Session) => string;
  /** `--out FILE`, or undefined for the default name. */
  readonly file: string | undefined;
  readonly cwd: string;
  /**
   * Writes `text` to `file` (as named, relative to cwd) and returns the name
   * it was written under: the CLI's writer never replaces a file the
   * session did not write itself (see src/io/output-file.ts). Without it,
   * the file is simply written.
   */
  readonly write?: (file: string, text: string) => string;
}

/** The default faults file name: scenario and seed, in the current directory. */
export function defaultFaultsFile(session: Session): string {
  return `${session.scenario.id}-seed${session.seed}.faults.json`;
}

/** The command that repeats the session: with its faults file when it has one. */
export function sessionReplay(session: Session, ref: string, faultsFile: string | undefined): string {
  return replayCommand({ scenario: ref, seed: session.seed, params: session.resolvedParams, defaults: defaultsOf(session.scenario.params), faultsFile });
}

/**
 * Writes the session's whole schedule (the scenario's faults and the live
 * ones, in time order: `--faults` replaces the default schedule) and
 * returns what to tell the user.
 */
export function writeSessionFaults(session: Session, out: FaultsOutput): { file: string; summary: string; replay: string } {
  const text = `${JSON.stringify(session.faultsFile(), null, 2)}\n`;
  const asked = out.file ?? defaultFaultsFile(session);
  const file = out.write ? out.write(asked, text) : asked;
  if (!out.write) writeFileSync(resolve(out.cwd, file), text);
  const n = session.defaultFaults.length + session.live.length;
  return {
    file,
    summary: `wrote ${file}: ${n} fault${n === 1 ? '' : 's'} (${session.defaultFaults.length} from the scenario, ${session.live.length} injected live)`,
    replay: sessionReplay(session, out.scenarioRef(session), file),
  };
}
