import { formatParam, sameValue, shellQuote } from './format.js';

export interface ReplayInput {
  /** The scenario as the user named it: an id or a module path. */
  readonly scenario: string;
  readonly seed: number;
  /** The parameters the run used. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The scenario's defaults; parameters equal to them are left out. Without them every parameter is listed. */
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
  readonly faultsFile?: string | undefined;
  readonly until?: string | undefined;
}

/** The command that repeats a run exactly: `sim run <scenario> --seed N --set k=v ...`. */
export function replayCommand(r: ReplayInput): string {
  const words = ['sim', 'run', shellQuote(r.scenario), '--seed', String(r.seed)];
  for (const [key, value] of Object.entries(r.params)) {
    if (value === undefined) continue;
    if (r.defaults && key in r.defaults && sameValue(value, r.defaults[key])) continue;
    words.push('--set', shellQuote(`${key}=${formatParam(value)}`));
  }
  if (r.faultsFile !== undefined) words.push('--faults', shellQuote(r.faultsFile));
  if (r.until !== undefined) words.push('--until', shellQuote(r.until));
  return words.join(' ');
}
