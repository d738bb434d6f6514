import { describe, expect, it } from 'vitest';
import { Simulation, sec, type Fault } from '../../src/kernel/index.js';
import { CrashLoopBackOff } from '../../models/k8s/crash-loop-backoff.js';
import { PROCESS_FAULTS, type CrashParams } from '../../models/lifecycle/fault-params.js';
import { Lifecycle, type LifecycleTarget } from '../../models/lifecycle/lifecycle.js';
import { restartOnRequest } from '../../models/lifecycle/restart-policy.js';
import { POD_FAULTS } from '../../models/k8s/pod-faults.js';

/** A target that writes down every transition as "<seconds> <what>". */
function recorder<D>(sim: Simulation, log: string[]): LifecycleTarget<D> {
  const at = (what: string) => log.push(`${sim.now / 1e6} ${what}`);
  return {
    stopped: (cause, restart) => at(`stopped ${cause} ${restart === null || restart === 'now' ? String(restart) : `${restart / 1e6}s`}`),
    starting: () => at('starting'),
    running: (bounced) => at(bounced ? 'running (bounced)' : 'running'),
    hung: () => at('hung'),
    nodeLost: (after) => at(`node-down ${after ?? 'until recovered'}`),
    nodeBack: () => at('node-back'),
  };
}

function fault(s: number, kind: string, params?: Record<string, unknown>): Fault {
  return { at: sec(s), target: 'p', kind, ...(params ? { params } : {}) };
}

describe('Lifecycle: a hand-worked timeline', () => {
  it('a supervised process: restart after N, bounce, crash while down, a manual restart cancels the timer, node loss', () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    const life = new Lifecycle<CrashParams>(sim, 'p', { faults: PROCESS_FAULTS, restartDelay: restartOnRequest }, recorder(sim, log));
    sim.faults.schedule([
      fault(10, 'crash', { restartAfterMs: 5_000 }), // down 10 s -> 15 s
      fault(12, 'crash', { restartAfterMs: 1_000 }), // already down: nothing, and no timer for 13 s
      fault(20, 'restart'), // running: bounced
      fault(30, 'crash', { restartAfterMs: 10_000 }),
      fault(32, 'restart'), // starts now; the 40 s timer is cancelled
    ]);
    sim.schedule(sec(50), () => life.nodeCrash(5_000));
    sim.schedule(sec(52), () => life.stop('crash', { restartAfterMs: 1_000 })); // the node is gone: nothing
    sim.run(sec(100));
    expect(log).toEqual([
      '10 stopped crash 5s',
      '15 running',
      '20 stopped bounce null',
      '20 running (bounced)',
      '30 stopped crash 10s',
      '32 running',
      '50 node-down 5000',
      '55 node-back',
      '55 running',
    ]);
    expect(life.state).toBe('running');
  });

  it("a pod: the kubelet's crash-loop back-off (0, 10 s, 20 s, 40 s, reset more than 10 min after a start), a crash while starting, node loss", () => {
    const sim = new Simulation({ seed: 1 });
    const log: string[] = [];
    const backoff = new CrashLoopBackOff();
    const target = recorder<undefined>(sim, log);
    const life = new Lifecycle<undefined>(sim, 'p', {
      faults: POD_FAULTS, startupMs: 2_000, restartDelay: () => backoff.next(sim.now),
    }, { ...target, starting: () => { backoff.started(sim.now); target.starting!(); } });
    sim.faults.schedule([
      fault(10, 'crash'), // first restart at once: starting 10 s, running 12 s
      fault(20, 'crash'), // 10 s back-off: starting 30 s
      fault(40, 'crash'), // 20 s: starting 60 s
      fault(61, 'crash'), // while starting: the 62 s start-up is cancelled; 40 s: starting 101 s
      fault(102, 'node-crash'), // while starting; nothing restarts until the node returns
      fault(110, 'node-recover'),
      fault(712, 'crash'), // 602 s, more than 600, after the kubelet started it at 110 s: the back-off has reset to 0
      fault(720, 'hang'),
      fault(721, 'crash'), // a hung container is killed like a running one
    ]);
    sim.run(sec(800));
    expect(log).toEqual([
      '10 stopped crash 0s', '10 starting', '12 running',
      '20 stopped crash 10s', '30 starting', '32 running',
      '40 stopped crash 20s', '60 starting',
      '61 stopped crash 40s', '101 starting',
      '102 node-down until recovered', '110 node-back', '110 starting', '112 running',
      '712 stopped crash 0s', '712 starting', '714 running',
      '720 hung',
      '721 stopped crash 10s', '731 starting', '733 running',
    ]);
    expect(life.state).toBe('running');
  });
});
