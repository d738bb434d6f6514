// A test-only scenario for `sim check` on worker threads: one server that
// crash faults take down for 1 to 9 s (its restart jitter). Plain
// JavaScript, so workers load it without tsx, and runs take a millisecond.
// Its invariant breaks only with two crashes less than `gapMs` apart, so a
// search has passing and failing cases and shrinking takes many runs.
// `throwOnCrash` makes a crash throw, as a model bug would.
import { z } from 'zod';
import { defineScenario, ms } from 'failsim';

export default defineScenario({
  id: 'check-fixture',
  title: 'A server that crashes; two crashes close together break the invariant',
  source: 'test fixture (no document)',
  params: z.object({ gapMs: z.number().nonnegative().default(4_000), throwOnCrash: z.boolean().default(false) }),
  durationMs: () => 60_000,
  faults: () => [],
  build(sim, p) {
    const world = { up: true, crashes: [] };
    const jitter = sim.rng('server/restart');
    sim.faults.on('server', 'crash', () => {
      if (p.throwOnCrash) throw new Error('boom: the crash handler failed');
      world.up = false;
      world.crashes.push(sim.now);
      sim.trace.emit('server', 'crash');
      sim.schedule(ms(1_000 + jitter.uniform(0, 8_000)), () => {
        world.up = true;
        sim.trace.emit('server', 'restart');
      });
    });
    return world;
  },
  metrics: (world) => ({ crashes: world.crashes.length }),
  claims: [],
  timeline: (rec) => (rec.source === 'server' ? rec.kind : null),
  sometimes: [{ name: 'the server restarted', reached: (r) => r.kind === 'restart' }],
  invariants: [{
    name: 'no two crashes within gapMs',
    kind: 'always',
    watch(world, _sim, p) {
      return {
        verdict() {
          const t = world.crashes;
          const at = t.findIndex((x, i) => i > 0 && x - t[i - 1] < p.gapMs * 1000);
          return at < 0 ? { pass: true, detail: `${t.length} crashes` } : { pass: false, detail: `crashes at ${t[at - 1] / 1000} and ${t[at] / 1000} ms`, atMs: t[at] / 1000 };
        },
      };
    },
  }],
  faultSpace: {
    window: () => ({ fromMs: 10_000, toMs: 40_000 }),
    maxFaults: 3,
    kinds: () => [{ name: 'crash', targets: ['server'], severities: [0], expand: (target, _s, at) => [{ at, target, kind: 'crash' }] }],
  },
});
