import { describe, expect, it } from 'vitest';
import { Simulation, sec, type TraceRecord } from '../../src/kernel/index.js';
import { startLivenessProbe } from '../../models/k8s/liveness-probe.js';
import { Pod } from '../../models/k8s/pod.js';
import { startReadinessProbe } from '../../models/k8s/readiness-probe.js';
import { Service } from '../../models/k8s/service.js';
import { Network } from '../../models/net/network.js';

const PROBE = { periodMs: 10_000, timeoutMs: 1_000, failureThreshold: 3 };

function world(readiness?: { kind: 'tcp' | 'http'; successThreshold: number }) {
  const sim = new Simulation({ seed: 3 });
  const records: TraceRecord[] = [];
  sim.trace.addSink({ record: (r) => { records.push(r); } });
  const pod = new Pod(sim, new Network(sim), 'web-0', { startupMs: 2_000 });
  pod.setLabel('app', 'web');
  const svc = new Service(sim, 'web', [pod], { selector: { app: 'web' }, propagationMedianMs: 0, nodeMonitorGracePeriodMs: 50_000 });
  if (readiness) startReadinessProbe(sim, pod, { ...PROBE, ...readiness });
  const at = (kind: string) => records.filter((r) => r.source === 'web-0' && r.kind === kind).map((r) => r.t);
  return { sim, pod, svc, at };
}

describe('Kubernetes probes', () => {
  it('without a readiness probe a frozen pod stays Ready and in the endpoints', () => {
    const { sim, pod, svc } = world();
    sim.schedule(sec(5), () => pod.hang());
    sim.run(sec(120));
    expect(pod.state).toBe('hung');
    expect(pod.ready).toBe(true);
    expect(svc.endpoints).toEqual(['web-0']);
  });

  it('an HTTP readiness probe takes a frozen pod out of the endpoints after failureThreshold failures: 21-31 s', () => {
    const { sim, pod, svc, at } = world({ kind: 'http', successThreshold: 1 });
    sim.schedule(sec(5), () => pod.hang());
    sim.run(sec(60));
    expect(pod.state).toBe('hung'); // readiness never restarts anything
    expect(pod.ready).toBe(false);
    expect(svc.endpoints).toEqual([]);
    const [notReady] = at('not-ready');
    expect(notReady! - sec(5)).toBeGreaterThanOrEqual(sec(21));
    expect(notReady! - sec(5)).toBeLessThanOrEqual(sec(31));
  });

  it('a TCP readiness probe, like a TCP liveness probe, does not notice a frozen process', () => {
    const { sim, pod, svc, at } = world({ kind: 'tcp', successThreshold: 1 });
    sim.schedule(sec(5), () => pod.hang());
    sim.run(sec(60));
    expect(at('not-ready')).toEqual([]);
    expect(svc.endpoints).toEqual(['web-0']);
  });

  it('a restarted container is not Ready until successThreshold probes in a row pass', () => {
    const { sim, pod, svc, at } = world({ kind: 'http', successThreshold: 2 });
    sim.schedule(sec(5), () => pod.crash('test'));
    const seen: boolean[] = [];
    sim.schedule(sec(7) + 1, () => { seen.push(pod.state === 'running', pod.ready, svc.endpoints.length > 0); });
    sim.run(sec(60));
    expect(seen).toEqual([true, false, false]); // running at 7 s (first restart is immediate, 2 s start-up), not yet Ready
    const [ready] = at('ready');
    // Two passing probes, one period apart, the first within a period of the start.
    expect(ready! - sec(7)).toBeGreaterThan(sec(10));
    expect(ready! - sec(7)).toBeLessThanOrEqual(sec(20));
    expect(svc.endpoints).toEqual(['web-0']);
  });

  it('an HTTP liveness probe restarts a frozen pod after three failures; a TCP one never does', () => {
    for (const kind of ['http', 'tcp'] as const) {
      const { sim, pod, at } = world();
      startLivenessProbe(sim, pod, { kind, ...PROBE });
      sim.schedule(sec(5), () => pod.hang());
      sim.run(sec(80));
      if (kind === 'http') {
        expect(at('container-exit').length).toBe(1);
        expect(at('liveness-fail').length).toBe(3);
        // The frozen process cannot act on SIGTERM: SIGKILL ends it the grace period after the kill decision.
        expect(at('container-exit')[0]! - at('terminating')[0]!).toBe(sec(30));
        expect(pod.state).toBe('running');
      } else {
        expect(at('container-exit')).toEqual([]);
        expect(pod.state).toBe('hung');
      }
    }
  });
});

// pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer: preStop, then
// SIGTERM, then SIGKILL once terminationGracePeriodSeconds (default 30 s, at
// least 2 s) has passed; EndpointSlice readiness is serving && !terminating,
// and only a deleted pod is terminating.
describe('Kubernetes graceful termination', () => {
  function pods(o: { terminationGracePeriodMs?: number; preStopMs?: number } = {}) {
    const sim = new Simulation({ seed: 5 });
    const records: TraceRecord[] = [];
    sim.trace.addSink({ record: (r) => { records.push(r); } });
    const pod = new Pod(sim, new Network(sim), 'db-0', { startupMs: 2_000, ...o });
    pod.setLabel('app', 'db');
    const svc = new Service(sim, 'db', [pod], { selector: { app: 'db' }, propagationMedianMs: 0, nodeMonitorGracePeriodMs: 50_000 });
    const at = (kind: string) => records.filter((r) => r.source === 'db-0' && r.kind === kind).map((r) => r.t);
    return { sim, pod, svc, at };
  }

  it('a frozen container dies by SIGKILL after the default 30 s grace period; a deleted pod leaves the endpoints at once', () => {
    const { sim, pod, svc, at } = pods();
    const seen: string[][] = [];
    sim.schedule(sec(5), () => pod.hang());
    sim.schedule(sec(10), () => pod.restartNow());
    sim.schedule(sec(10) + 1, () => { seen.push([...svc.endpoints]); });
    sim.schedule(sec(39), () => { seen.push([pod.state]); });
    sim.run(sec(60));
    expect(seen).toEqual([[], ['hung']]);
    expect(at('container-exit')).toEqual([sec(40)]);
    // A deleted pod is replaced at once, without the crash-loop back-off: running 2 s later.
    expect(at('running')).toEqual([sec(42)]);
    expect(svc.endpoints).toEqual(['db-0']);
  });

  it('a process that handles SIGTERM exits when it is done; one that does not dies at SIGTERM, after the preStop hook', () => {
    const handled = pods();
    handled.pod.onTerm((p) => { handled.sim.schedule(sec(4), () => p.exited()); });
    handled.sim.schedule(sec(5), () => handled.pod.terminate('liveness probe failed', false));
    handled.sim.run(sec(20));
    expect(handled.at('container-exit')).toEqual([sec(9)]);

    const plain = pods({ preStopMs: 3_000 });
    plain.sim.schedule(sec(5), () => plain.pod.terminate('liveness probe failed', false));
    plain.sim.run(sec(20));
    expect(plain.at('container-exit')).toEqual([sec(8)]);
  });

  it('a liveness kill keeps the pod in the endpoints until the container exits; the grace period has a 2 s floor', () => {
    const { sim, pod, svc, at } = pods({ terminationGracePeriodMs: 0 });
    const seen: string[][] = [];
    sim.schedule(sec(5), () => pod.hang());
    sim.schedule(sec(6), () => pod.terminate('liveness probe failed', false));
    sim.schedule(sec(7), () => { seen.push([...svc.endpoints]); });
    sim.schedule(sec(8) + 1, () => { seen.push([...svc.endpoints]); });
    sim.run(sec(9));
    expect(at('container-exit')).toEqual([sec(8)]);
    expect(seen).toEqual([['db-0'], []]);
  });
});
