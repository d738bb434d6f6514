import { describe, expect, it } from 'vitest';
import { Interrupt, Killed } from '../../src/kernel/interrupt.js';
import { NORMAL, URGENT } from '../../src/kernel/priority.js';
import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import { Simulation } from '../../src/kernel/simulation.js';
import { wait } from '../../src/kernel/wait.js';
import type { TraceSink } from '../../src/kernel/trace.js';

function setup(seed: number | string = 1) {
  const sim = new Simulation({ seed });
  const log: [number, string][] = [];
  const note = (what: string) => { log.push([sim.now, what]); };
  return { sim, log, note };
}

describe('processes: sleeping and joining', () => {
  it('sleep resumes the process after the given delay', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      note('start');
      yield sim.sleep(5);
      note('after 5');
      yield sim.sleep(10);
      note('after 10 more');
      yield sim.sleep(0);
      note('after 0');
    })());
    sim.run();
    expect(log).toEqual([[0, 'start'], [5, 'after 5'], [15, 'after 10 more'], [15, 'after 0']]);
    expect(sim.now).toBe(15);
  });

  it('sim.sleep rounds to whole µs and rejects negative or NaN delays', () => {
    const { sim } = setup();
    expect(sim.sleep(2.6)).toBe(3);
    expect(() => sim.sleep(-1)).toThrow(/negative/);
    expect(() => sim.sleep(NaN)).toThrow(/NaN/);
    expect(() => sim.schedule(-5, () => {})).toThrow();
    expect(() => sim.timeout(-5)).toThrow();
  });

  it('a process is an event: joining it returns its value when it ends', () => {
    const { sim, log, note } = setup();
    const child = sim.process((function* () {
      yield sim.sleep(7);
      return 42;
    })(), 'child');
    sim.process((function* () {
      const v: number = yield child;
      note(`joined ${v}`);
      // Joining a process that already finished returns at once with its value.
      const again: number = yield child;
      note(`again ${again}`);
    })());
    sim.run();
    expect(log).toEqual([[7, 'joined 42'], [7, 'again 42']]);
    expect(child.ok).toBe(true);
    expect(child.value).toBe(42);
    expect(child.isAlive).toBe(false);
    expect(child.name).toBe('child');
  });

  it('a failed child raises in the joining parent, who can catch it', () => {
    const { sim, log, note } = setup();
    // (A generator that can only throw infers Process<never>, which TypeScript refuses to yield: annotate it.)
    const child = sim.process((function* (): ProcessGenerator<void> {
      yield sim.sleep(3);
      throw new Error('child broke');
    })());
    sim.process((function* () {
      try {
        yield child;
      } catch (e) {
        note(`caught ${(e as Error).message}`);
      }
    })());
    sim.run();
    expect(log).toEqual([[3, 'caught child broke']]);
    expect(child.ok).toBe(false);
  });

  it('an uncaught error in a process nobody waits on throws out of sim.run', () => {
    const { sim } = setup();
    sim.process((function* () {
      yield sim.sleep(4);
      throw new Error('boom');
    })());
    expect(() => sim.run()).toThrow('boom');
    expect(sim.now).toBe(4);
  });

  it('timeout events carry their value', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const v: string = yield sim.timeout(9, 'payload');
      note(v);
    })());
    sim.run();
    expect(log).toEqual([[9, 'payload']]);
  });
});

describe('conditions: anyOf, allOf, within', () => {
  it('anyOf succeeds with the first event to fire, with its index', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const r: { index: number; value: unknown } = yield sim.anyOf([sim.timeout(5, 'slow'), sim.timeout(3, 'fast'), sim.timeout(3, 'fast-too')]);
      note(`${r.index}:${String(r.value)}`);
    })());
    sim.run();
    expect(log).toEqual([[3, '1:fast']]);
  });

  it('allOf succeeds with every value in order once the last one fires', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const vs: unknown[] = yield sim.allOf([sim.timeout(5, 'a'), sim.timeout(2, 'b'), sim.timeout(4, 'c')]);
      note(vs.join(','));
    })());
    sim.run();
    expect(log).toEqual([[5, 'a,b,c']]);
  });

  it('allOf fails at the first failure; anyOf defuses failures that come after its result', () => {
    const { sim, log, note } = setup();
    const failLater = (at: number, msg: string) => {
      const ev = sim.event<void>();
      sim.schedule(at, () => ev.fail(new Error(msg)));
      return ev;
    };
    sim.process((function* () {
      try {
        yield sim.allOf<any>([sim.timeout(10), failLater(4, 'x')]);
      } catch (e) {
        note(`allOf ${(e as Error).message}`);
      }
      const r: { index: number } = yield sim.anyOf([sim.timeout(1), failLater(2, 'late failure')]);
      note(`anyOf ${r.index}`);
    })());
    expect(() => sim.run()).not.toThrow();
    expect(log).toEqual([[4, 'allOf x'], [5, 'anyOf 0']]);
  });

  it('empty anyOf/allOf succeed at once', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const a: { index: number } = yield sim.anyOf([]);
      const b: unknown[] = yield sim.allOf([]);
      note(`${a.index} ${b.length}`);
    })());
    sim.run();
    expect(log).toEqual([[0, '-1 0']]);
  });

  it('within returns {ok: true, value} when the event comes in time, and cancels its timer', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const r: { ok: boolean; value?: string } = yield sim.within(sim.timeout(3, 'done'), 5);
      note(JSON.stringify(r));
    })());
    sim.run();
    expect(log).toEqual([[3, '{"ok":true,"value":"done"}']]);
    expect(sim.now).toBe(3); // the cancelled timer at 5 never fired
    expect(sim.queue.live).toBe(0);
  });

  it('within returns {ok: false} at the deadline when the event is late', () => {
    const { sim, log, note } = setup();
    sim.process((function* () {
      const r: { ok: boolean } = yield sim.within(sim.timeout(10, 'late'), 5);
      note(JSON.stringify(r));
    })());
    sim.run();
    expect(log).toEqual([[5, '{"ok":false}']]);
  });

  it('within propagates a failure that comes in time', () => {
    const { sim, log, note } = setup();
    const ev = sim.event<string>();
    sim.schedule(2, () => ev.fail(new Error('nope')));
    sim.process((function* () {
      try {
        yield sim.within(ev, 5);
      } catch (e) {
        note((e as Error).message);
      }
    })());
    sim.run();
    expect(log).toEqual([[2, 'nope']]);
  });
});

describe('interrupt and kill', () => {
  it('an interrupt is thrown into the process, which can catch it and carry on', () => {
    const { sim, log, note } = setup();
    const worker = sim.process((function* () {
      try {
        yield sim.sleep(100);
        note('slept fully');
      } catch (e) {
        expect(e).toBeInstanceOf(Interrupt);
        note(`interrupted: ${String((e as Interrupt).cause)}`);
      }
      yield sim.sleep(5);
      note('done');
      return 'finished';
    })());
    sim.schedule(10, () => worker.interrupt('maintenance'));
    sim.run();
    // The original wake-up at 100 was cancelled: the process resumed exactly once per wait.
    expect(log).toEqual([[10, 'interrupted: maintenance'], [15, 'done']]);
    expect(worker.value).toBe('finished');
    expect(sim.now).toBe(15);
  });

  it('an interrupt detaches the process from the event it waited on', () => {
    const { sim, log, note } = setup();
    const gate = sim.event<string>();
    const p = sim.process((function* () {
      try {
        yield gate;
      } catch {
        note('interrupted');
      }
      yield sim.sleep(50);
      note('after');
    })());
    sim.schedule(1, () => p.interrupt());
    sim.schedule(2, () => gate.succeed('opened'));
    sim.run();
    expect(log).toEqual([[1, 'interrupted'], [51, 'after']]);
  });

  it('an uncaught interrupt ends the process with failure, seen by its joiner', () => {
    const { sim, log, note } = setup();
    const child = sim.process((function* () {
      yield sim.sleep(100);
      note('not reached');
    })());
    sim.process((function* () {
      try {
        yield child;
      } catch (e) {
        note(`${(e as Error).name}: ${String((e as Interrupt).cause)}`);
      }
    })());
    sim.schedule(10, () => child.interrupt('stop'));
    sim.run();
    expect(log).toEqual([[10, 'Interrupt: stop']]);
    expect(child.ok).toBe(false);
    expect(child.isAlive).toBe(false);
  });

  it('an uncaught interrupt in a process nobody waits on stops the run', () => {
    const { sim } = setup();
    const p = sim.process((function* () { yield sim.sleep(100); })());
    sim.schedule(10, () => p.interrupt('unhandled'));
    expect(() => sim.run()).toThrow(Interrupt);
  });

  it('interrupting a finished process does nothing', () => {
    const { sim } = setup();
    const p = sim.process((function* () { yield sim.sleep(1); })());
    sim.schedule(5, () => p.interrupt('too late'));
    expect(() => sim.run()).not.toThrow();
    expect(p.ok).toBe(true);
  });

  it('kill ends the process at once: finally blocks run, joiners see Killed, nobody waiting is fine', () => {
    const { sim, log, note } = setup();
    const victim = sim.process((function* () {
      try {
        yield sim.sleep(100);
        note('not reached');
      } finally {
        note('finally');
      }
    })());
    const lonely = sim.process((function* () { yield sim.sleep(100); note('lonely not reached'); })());
    sim.process((function* () {
      try {
        yield victim;
      } catch (e) {
        expect(e).toBeInstanceOf(Killed);
        note(`joiner saw ${(e as Killed).reason}`);
      }
    })());
    sim.schedule(10, () => { victim.kill('host crashed'); lonely.kill(); });
    expect(() => sim.run()).not.toThrow();
    expect(log).toEqual([[10, 'finally'], [10, 'joiner saw host crashed']]);
    expect(victim.isAlive).toBe(false);
    expect(sim.now).toBe(10); // the killed sleeps were cancelled
  });

  it('kill before the process has started is clean (the start event must not run it)', () => {
    const { sim, log, note } = setup();
    const p = sim.process((function* () { note('ran'); yield sim.sleep(5); })());
    p.kill('early');
    expect(() => sim.run()).not.toThrow();
    expect(log).toEqual([]);
    expect(p.ok).toBe(false);
    expect(p.error).toBeInstanceOf(Killed);
  });
});

describe('ordering and run(until)', () => {
  it('simultaneous events run in insertion order, URGENT before NORMAL', () => {
    const { sim, log, note } = setup();
    for (let i = 0; i < 50; i++) sim.schedule(10, () => note(`cb${i}`));
    sim.schedule(10, () => note('urgent'), undefined, URGENT);
    sim.at(10, () => note('at'), undefined, NORMAL);
    sim.run();
    expect(log.map((e) => e[1])).toEqual(['urgent', ...Array.from({ length: 50 }, (_, i) => `cb${i}`), 'at']);
  });

  it('processes waking at the same instant resume in the order they went to sleep', () => {
    const { sim, log, note } = setup();
    const order = [3, 1, 4, 0, 2];
    for (const i of order) {
      sim.process((function* () {
        yield sim.sleep(10 - 2 * i); // everyone wakes at 10 after a first sleep of different length
        yield sim.sleep(2 * i);
        note(`p${i}`);
      })());
    }
    sim.run();
    // Second sleeps are scheduled in the order the first sleeps ended: p4 (t=2), p3 (4), p2 (6), p1 (8), p0 (10).
    expect(log).toEqual([[10, 'p4'], [10, 'p3'], [10, 'p2'], [10, 'p1'], [10, 'p0']]);
  });

  it('a new process starts in the current instant, before ordinary events already queued for it', () => {
    const { sim, log, note } = setup();
    sim.schedule(5, () => {
      sim.schedule(0, () => note('plain callback'));
      sim.process((function* () { note('process start'); yield sim.sleep(0); })());
    });
    sim.run();
    expect(log).toEqual([[5, 'process start'], [5, 'plain callback']]);
  });

  it('run(until) processes events up to and including until, leaves now = until, later events untouched', () => {
    const { sim, log, note } = setup();
    for (const t of [10, 20, 30]) sim.schedule(t, () => note(`e${t}`));
    sim.run(20);
    expect(log).toEqual([[10, 'e10'], [20, 'e20']]);
    expect(sim.now).toBe(20);
    sim.run(25);
    expect(sim.now).toBe(25);
    expect(log).toHaveLength(2);
    expect(sim.peek()).toBe(30);
    sim.run();
    expect(log).toEqual([[10, 'e10'], [20, 'e20'], [30, 'e30']]);
    expect(sim.eventCount).toBe(3);
  });

  it('step processes exactly one event', () => {
    const { sim, log, note } = setup();
    sim.schedule(1, () => note('a'));
    sim.schedule(2, () => note('b'));
    expect(sim.step()).toBe(true);
    expect(log).toEqual([[1, 'a']]);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(2);
  });

  /** A small random model that traces what it does; returns every trace line. */
  function tracedModel(seed: number, runs: readonly (number | undefined)[]) {
    const sim = new Simulation({ seed });
    const lines: string[] = [];
    const sink: TraceSink = { record: (_rec, line) => { lines.push(line); } };
    sim.trace.addSink(sink);
    const rng = sim.rng('workers');
    const workers: Process[] = [];
    const worker = (id: number): ProcessGenerator => (function* () {
      for (let i = 0; i < 20; i++) {
        try {
          yield sim.sleep(rng.int(0, 3) * 1000); // coarse delays: many simultaneous events
          sim.trace.emit(`w${id}`, 'tick', { i });
        } catch (e) {
          sim.trace.emit(`w${id}`, 'interrupted', { cause: String((e as Interrupt).cause) });
        }
      }
      return id;
    })();
    for (let id = 0; id < 6; id++) workers.push(sim.process(worker(id)));
    sim.process((function* () {
      for (let k = 0; k < 10; k++) {
        yield sim.sleep(rng.exponential(2000));
        const w = rng.choice(workers);
        if (w.isAlive) w.interrupt(k);
      }
    })());
    for (const until of runs) sim.run(until);
    return { lines, digest: sim.trace.digestHex, now: sim.now, events: sim.eventCount };
  }

  it('running in chunks with run(until) gives the same trace as one run', () => {
    const whole = tracedModel(7, [undefined]);
    const chunked = tracedModel(7, [5000, 5000, 12_345, 20_000, 20_001, undefined]);
    expect(whole.lines.length).toBeGreaterThan(100);
    expect(chunked.lines).toEqual(whole.lines);
    expect(chunked.digest).toBe(whole.digest);
    expect(chunked.now).toBe(whole.now);
    expect(chunked.events).toBe(whole.events);
  });

  it('the same seed gives the same trace; another seed gives another', () => {
    expect(tracedModel(3, [undefined]).digest).toBe(tracedModel(3, [undefined]).digest);
    expect(tracedModel(3, [undefined]).digest).not.toBe(tracedModel(4, [undefined]).digest);
  });
});

describe('wait(ev): a typed wait inside a process', () => {
  it('gives the value, rethrows a failure at the wait, and a kill still runs finally', () => {
    const sim = new Simulation({ seed: 1 });
    const seen: string[] = [];
    sim.process((function* () {
      const n: number = yield* wait(sim.timeout(5, 42));
      seen.push(`value ${n} at ${sim.now}`);
      const failing = sim.event<number>();
      sim.schedule(3, () => failing.fail(new Error('boom')));
      try { yield* wait(failing); } catch (e) { seen.push(`caught ${(e as Error).message} at ${sim.now}`); }
    })());
    const victim = sim.process((function* () {
      try { yield* wait(sim.timeout(100)); seen.push('not reached'); } finally { seen.push(`finally at ${sim.now}`); }
    })());
    sim.schedule(20, () => victim.kill('test'));
    sim.run();
    expect(seen).toEqual(['value 42 at 5', 'caught boom at 8', 'finally at 20']);
  });
});
