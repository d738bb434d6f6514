/**
 * The anchor programs in ../shared/anchors (beside the repository): a bare
 * typed-array heap (the floor of a JS event queue) and SimPy on the same
 * M/M/c model. Run as child processes in the same bench run so the ratios
 * compare like with like on this machine, now.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const PYTHON = '/usr/bin/python3';

export interface Anchors {
  readonly dir: string | null;
  readonly bareHeap: string | null;
  readonly simpyScript: string | null;
  /** Why SimPy rows are skipped, or null if SimPy can run. */
  readonly simpyMissing: string | null;
}

export function locateAnchors(repoRoot: string): Anchors {
  const dir = path.resolve(repoRoot, '..', 'shared', 'anchors');
  if (!existsSync(dir)) {
    return { dir: null, bareHeap: null, simpyScript: null, simpyMissing: `anchor directory ${dir} is absent` };
  }
  const bare = path.join(dir, 'bare_heap_hold.mjs');
  const simpy = path.join(dir, 'simpy_mmc.py');
  let simpyMissing: string | null = null;
  if (!existsSync(simpy)) simpyMissing = `${simpy} is absent`;
  else if (!existsSync(PYTHON)) simpyMissing = `${PYTHON} is absent`;
  else {
    const probe = spawnSync(PYTHON, ['-c', 'import simpy'], { encoding: 'utf8' });
    if (probe.status !== 0) simpyMissing = `SimPy is not importable by ${PYTHON} (install Debian's python3-simpy3: apt-get install -y python3-simpy3)`;
  }
  return { dir, bareHeap: existsSync(bare) ? bare : null, simpyScript: existsSync(simpy) ? simpy : null, simpyMissing };
}

/** `key=value` pairs from an anchor's one-line report. */
function parseReport(out: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of out.matchAll(/(\w+)=(\S+)/g)) fields[m[1]!] = m[2]!;
  return fields;
}

function run(cmd: string, args: readonly string[]): Record<string, string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
  return parseReport(r.stdout);
}

/** Events per second of the bare-heap hold model. */
export function runBareHeap(script: string, events: number, pending: number): number {
  const f = run(process.execPath, [script, String(events), String(pending)]);
  const v = Number(f['events_per_s']);
  if (!Number.isFinite(v)) throw new Error(`bare_heap_hold.mjs printed no events_per_s`);
  return v;
}

export interface SimpyResult {
  readonly customersPerS: number;
  readonly eventsPerS: number;
  readonly meanWaitS: number;
  readonly erlangWaitS: number;
}

export function runSimpy(script: string, customers: number, servers: number, seed: number): SimpyResult {
  const f = run(PYTHON, [script, String(customers), String(servers), String(seed)]);
  const r = {
    customersPerS: Number(f['customers_per_s']),
    eventsPerS: Number(f['events_per_s']),
    meanWaitS: Number(f['mean_wait']),
    erlangWaitS: Number(f['erlang_c_wait']),
  };
  if (!Number.isFinite(r.customersPerS)) throw new Error('simpy_mmc.py printed no customers_per_s');
  return r;
}
