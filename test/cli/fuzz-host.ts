/**
 * The fuzz test's in-process runner (see fuzz-bad-input.test.ts), run from
 * dist/ as a child process: it calls the CLI's own entry, cli(argv, io, cwd),
 * the function the `sim` binary calls, once per message, so thousands of
 * cases cost no process start each. It runs in a folder of the case's own
 * (process.chdir, as a user's shell would), and anything written to the real
 * stdout or stderr meanwhile, which the binary would show, is sent back as
 * `stray`.
 */
import { cli } from '../../src/cli/cli.js';
import type { Io } from '../../src/cli/output.js';

export interface HostRequest {
  readonly id: number;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface HostReply {
  readonly id: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Written to the process's own stdout or stderr, past the Io. */
  readonly stray: string;
}

/** The environment a case starts from: no colour switches, no shard index, as sim.ts gives the binary. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'JOB_COMPLETION_INDEX'].includes(k)) env[k] = v;
  return env;
}

async function runCase(req: HostRequest): Promise<HostReply> {
  let stdout = '', stderr = '', stray = '';
  const io: Io = {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    env: { ...baseEnv(), ...req.env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stderrColumns: () => undefined,
  };
  const writes = [process.stdout.write, process.stderr.write] as const;
  const capture = (chunk: unknown): boolean => { stray += String(chunk); return true; };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  let code: number;
  try {
    process.chdir(req.cwd);
    code = await cli(req.argv, io, req.cwd);
  } catch (e) {
    // cli() promises never to throw; if it does, that is a finding too.
    code = -1;
    stray += `cli() threw: ${e instanceof Error ? e.stack : String(e)}`;
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
  return { id: req.id, code, stdout, stderr, stray };
}

// One case at a time: the fuzz test waits for each reply before sending the next.
process.on('message', (req: HostRequest) => {
  void runCase(req).then((reply) => process.send!(reply));
});
// A rejection nobody awaited (a scenario's stray promise) would crash the binary: report it as the case's failure.
process.on('unhandledRejection', (e) => {
  process.send!({ id: -1, code: -1, stdout: '', stderr: '', stray: `unhandled rejection: ${e instanceof Error ? e.stack : String(e)}` } satisfies HostReply);
});
