import { describe, expect, it } from 'vitest';
import { Simulation, sec, type TraceRecord } from '../../src/kernel/index.js';
import { MemoryCgroup, type OomKill } from '../../models/k8s/memory-cgroup.js';
import { Pod } from '../../models/k8s/pod.js';
import { Network } from '../../models/net/network.js';

const MI = 2 ** 20;
const STARTUP_S = 1;

/**
 * A memory-limited pod (startup 1 s) whose container allocates a 300 Mi
 * baseline, then after `lifetimesS[k]` seconds of serving in its k-th run
 * charges 300 Mi more and goes past its 512 Mi limit: the cgroup kills it
 * (exit 137, OOMKilled) and the kill is routed to `pod.crash('OOMKilled')`.
 * The first container runs with the world (serving from t = 0).
 */
function oomLoop(lifetimesS: readonly number[], horizonS: number) {
  const sim = new Simulation({ seed: 1 });
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { recs.push(r); } });
  const pod = new Pod(sim, new Network(sim), 'api-0', { startupMs: STARTUP_S * 1000, memoryLimited: true });
  const cg = new MemoryCgroup(sim, 'api-0/app', { limitBytes: 512 * MI, faults: false });
  const kills: OomKill[] = [];
  cg.onOomKill((k) => { kills.push(k); pod.crash('OOMKilled'); });
  let run = 0;
  const serve = (): void => {
    const mine = run;
    cg.charge(300 * MI);
    // Only this run's container may blow up: a stale timer of a killed run does nothing.
    sim.schedule(sec(lifetimesS[Math.min(mine, lifetimesS.length - 1)]!), () => { if (run === mine && pod.serving) cg.charge(300 * MI); });
  };
  pod.onStart(() => { run++; serve(); });
  serve();
  sim.run(sec(horizonS));
  const at = (kind: string) => recs.filter((r) => r.source === 'api-0' && r.kind === kind).map((r) => r.t / 1e6);
  const exits = recs.filter((r) => r.source === 'api-0' && r.kind === 'container-exit').map((r) => [r.t / 1e6, r.data as { reason: string; restartInMs: number }] as const);
  return { kills, exits, starts: at('container-start'), running: at('running'), cg };
}

describe('OOM kill then CrashLoopBackOff (pod + memory cgroup)', () => {
  it('killed 5 s into every run: exit 137 OOMKilled, restart delays 0, 10, 20, 40, 80, 160, 300, 300 s', () => {
    // Hand-worked: exit at E, container restarts at E + delay, serves 1 s later (startup), is killed 5 s after that.
    //   run 0 serves at 0            -> OOM at   5, delay   0 -> start   5, serving   6
    //   run 1                        -> OOM at  11, delay  10 -> start  21, serving  22
    //   run 2                        -> OOM at  27, delay  20 -> start  47, serving  48
    //   run 3                        -> OOM at  53, delay  40 -> start  93, serving  94
    //   run 4                        -> OOM at  99, delay  80 -> start 179, serving 180
    //   run 5                        -> OOM at 185, delay 160 -> start 345, serving 346
    //   run 6                        -> OOM at 351, delay 300 -> start 651, serving 652 (cap)
    //   run 7                        -> OOM at 657, delay 300 -> start 957, serving 958
    //   run 8                        -> OOM at 963, delay 300 -> start 1263, serving 1264 (the run ends at 1265 s)
    // No run lasts 10 minutes, so the back-off never resets.
    const { kills, exits, starts, running, cg } = oomLoop([5], 1265);
    const delaysS = [0, 10, 20, 40, 80, 160, 300, 300, 300];
    const exitTimes = [5, 11, 27, 53, 99, 185, 351, 657, 963];
    expect(exits).toEqual(exitTimes.map((t, i) => [t, { reason: 'OOMKilled', restartInMs: delaysS[i]! * 1000 }]));
    expect(starts).toEqual([5, 21, 47, 93, 179, 345, 651, 957, 1263]);
    expect(running).toEqual([6, 22, 48, 94, 180, 346, 652, 958, 1264]);
    expect(kills).toHaveLength(9);
    for (const k of kills) expect(k).toEqual({ exitCode: 137, reason: 'OOMKilled', usageBytes: 600 * MI, limitBytes: 512 * MI });
    expect(cg.oomKills).toBe(9);
    // Restart delays seen from the trace: next start − exit.
    expect(starts.map((s, i) => s - exitTimes[i]!)).toEqual(delaysS);
  });

  it('an exit more than 10 minutes after the last restart resets the back-off to 0, then 10 s again', () => {
    // Runs 0-3 die 5 s in (delays 0, 10, 20, 40 as above); run 4 is started at 93, serves at 94 and lives 700 s:
    //   OOM at 794, 701 s > 600 s after the kubelet restarted it, so the back-off resets -> delay 0
    //   -> start 794, serving 795, OOM at 800 -> delay 10 -> start 810, serving 811, OOM 816 -> delay 20 -> start 836.
    const { exits, starts } = oomLoop([5, 5, 5, 5, 700, 5], 840);
    expect(exits.map(([t, d]) => [t, d.restartInMs / 1000])).toEqual([[5, 0], [11, 10], [27, 20], [53, 40], [794, 0], [800, 10], [816, 20]]);
    expect(starts).toEqual([5, 21, 47, 93, 794, 810, 836]);
  });

  it('the kubelet\'s boundary: exactly 600 s after the restart is not enough, 600.5 s is (counted from the restart, not from serving)', () => {
    // Run 4 is started at 93 and serves at 94. flowcontrol.Backoff's hasExpired: exit - lastUpdate > 2 x 300 s.
    //   lives 599 s: OOM at 693, 600 s after the restart, not more -> delay 80 -> start 773
    const at600 = oomLoop([5, 5, 5, 5, 599, 5], 775);
    expect(at600.exits.map(([t, d]) => [t, d.restartInMs / 1000])).toEqual([[5, 0], [11, 10], [27, 20], [53, 40], [693, 80]]);
    expect(at600.starts).toEqual([5, 21, 47, 93, 773]);
    //   lives 599.5 s: OOM at 693.5, 600.5 s after the restart -> reset, delay 0 -> start 693.5
    //   (counted from serving at 94 it would be 599.5 s: no reset)
    const past600 = oomLoop([5, 5, 5, 5, 599.5, 5], 700);
    expect(past600.exits.map(([t, d]) => [t, d.restartInMs / 1000])).toEqual([[5, 0], [11, 10], [27, 20], [53, 40], [693.5, 0], [699.5, 10]]);
    expect(past600.starts).toEqual([5, 21, 47, 93, 693.5]);
  });
});
