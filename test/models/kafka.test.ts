import { describe, expect, it } from 'vitest';
import { Simulation, ms, sec } from '../../src/kernel/index.js';
import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { TraceRecord } from '../../src/kernel/trace.js';
import { Network } from '../../models/net/network.js';
import { KafkaBroker, type KafkaRecord } from '../../models/kafka/broker.js';
import { DEFAULT_CONSUMER, KafkaConsumer, type ConsumerOptions } from '../../models/kafka/consumer.js';
import { partitionFor } from '../../models/kafka/partitioner.js';
import { DEFAULT_PRODUCER, KafkaProducer, type ProducerOptions, type SendResult } from '../../models/kafka/producer.js';
import { wait } from '../../src/kernel/wait.js';

const TOPIC = 'orders';
const GROUP = 'workers';

function world(seed = 1, partitions = 4) {
  const sim = new Simulation({ seed });
  const net = new Network(sim);
  const broker = new KafkaBroker(sim, net, 'kafka', { partitions });
  // The producers' host, registered up front so a network fault may name it before the first producer exists.
  net.addHost('api');
  const trace: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => { trace.push(rec); } });
  return { sim, net, broker, trace };
}

type World = ReturnType<typeof world>;

function producer(w: World, options: Partial<ProducerOptions> = {}, name = 'api'): KafkaProducer {
  return new KafkaProducer(w.sim, w.net, name, w.broker, name, { ...DEFAULT_PRODUCER, ...options });
}

function consumer(w: World, id: string, options: Partial<ConsumerOptions> = {}): KafkaConsumer {
  return new KafkaConsumer(w.sim, w.net, id, w.broker, id, TOPIC, { ...DEFAULT_CONSUMER, groupId: GROUP, ...options });
}

/** Sends `count` records, one every `everyMs`, keys cycling over `keys`; collects the results by index. */
function produceSteadily(w: World, p: KafkaProducer, count: number, everyMs: number, results: SendResult[] = [], keys = 16): SendResult[] {
  w.sim.process((function* (): ProcessGenerator<void> {
    for (let i = 0; i < count; i++) {
      const index = i;
      p.send(TOPIC, `k${i % keys}`, `v${i}`).addCallback((ev) => { results[index] = ev.value!; });
      yield w.sim.sleep(ms(everyMs));
    }
  })());
  return results;
}

function allRecords(w: World): KafkaRecord[] {
  const out: KafkaRecord[] = [];
  for (let p = 0; p < w.broker.partitionsOf(TOPIC); p++) out.push(...w.broker.records(TOPIC, p));
  return out;
}

/** A worker loop: poll, hand every record to `onRecord`, optionally commit the positions after each poll. */
function worker(w: World, c: KafkaConsumer, onRecord: (r: KafkaRecord) => void, commitEveryMs: number | null = null): void {
  w.sim.process((function* (): ProcessGenerator<void> {
    let lastCommit = w.sim.now;
    for (;;) {
      const records = yield* wait(c.poll(100));
      for (const r of records) onRecord(r);
      if (commitEveryMs !== null && w.sim.now - lastCommit >= ms(commitEveryMs)) {
        lastCommit = w.sim.now;
        const offsets = new Map<number, number>();
        for (const p of c.assignment()) { const pos = c.position(p); if (pos !== undefined) offsets.set(p, pos); }
        yield c.commit(offsets);
      }
    }
  })());
}

const kinds = (trace: TraceRecord[], kind: string) => trace.filter((r) => r.kind === kind);

describe('kafka partitioner', () => {
  it('matches the Java client (murmur2) and keeps a key on one partition', () => {
    // Test vectors other clients use to check Java compatibility (1000 partitions).
    expect(['', 'a', 'ab', 'abc', '123456789'].map((k) => partitionFor(k, 1000))).toEqual([681, 524, 434, 107, 566]);
    for (let i = 0; i < 50; i++) expect(partitionFor(`order-${i}`, 6)).toBe(partitionFor(`order-${i}`, 6));
    const used = new Set(Array.from({ length: 200 }, (_, i) => partitionFor(`order-${i}`, 6)));
    expect(used.size).toBe(6);
  });
});

describe('kafka producer', () => {
  it('appends with gap-free increasing offsets per partition; the same key always lands on the same partition', () => {
    const w = world();
    const results = produceSteadily(w, producer(w), 300, 3);
    w.sim.run(sec(5));
    expect(results.filter((r) => r.ok)).toHaveLength(300);
    const partitionOfKey = new Map<string, number>();
    for (let p = 0; p < 4; p++) {
      const log = w.broker.records(TOPIC, p);
      expect(log.map((r) => r.offset)).toEqual(log.map((_, i) => i));
      expect(w.broker.logEndOffset(TOPIC, p)).toBe(log.length);
      for (const r of log) {
        expect(partitionOfKey.get(r.key) ?? p).toBe(p);
        partitionOfKey.set(r.key, p);
      }
    }
    // Each result names where its record is.
    results.forEach((r, i) => {
      if (!r.ok) throw new Error('unexpected failure');
      expect(w.broker.records(TOPIC, r.partition)[r.offset]!.value).toBe(`v${i}`);
    });
  });

  it('idempotent: lost replies are retried without duplicates, in send order', () => {
    const w = world(7);
    w.sim.faults.inject({ at: 0, target: 'network', kind: 'loss', params: { host: 'api', p: 0.2 } });
    const results = produceSteadily(w, producer(w, { requestTimeoutMs: 1000 }), 400, 10);
    w.sim.run(sec(60));
    expect(results.filter((r) => r.ok)).toHaveLength(400);
    const values = allRecords(w).map((r) => r.value);
    expect(values).toHaveLength(400);
    expect(new Set(values).size).toBe(400);
    for (let p = 0; p < 4; p++) {
      const idx = w.broker.records(TOPIC, p).map((r) => Number(r.value.slice(1)));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('not idempotent: a retry after a lost reply writes the record twice', () => {
    const w = world(7);
    w.sim.faults.inject({ at: 0, target: 'network', kind: 'loss', params: { host: 'api', p: 0.2 } });
    const p = producer(w, { requestTimeoutMs: 1000, idempotent: false });
    expect(p.idempotent).toBe(false);
    const results = produceSteadily(w, p, 400, 10);
    w.sim.run(sec(60));
    expect(results.filter((r) => r.ok)).toHaveLength(400);
    const values = allRecords(w).map((r) => r.value);
    expect(new Set(values).size).toBe(400);
    expect(values.length).toBeGreaterThan(400);
  });

  it('broker down: the send fails at the delivery timeout; if the broker returns in time it succeeds', () => {
    const w = world();
    const p = producer(w);
    w.broker.crash();
    let failedAt = -1;
    let failure: SendResult | undefined;
    w.sim.schedule(sec(1), () => p.send(TOPIC, 'k', 'lost').addCallback((ev) => { failure = ev.value; failedAt = w.sim.now; }));
    w.sim.run(sec(130));
    expect(failure).toEqual({ ok: false, error: 'delivery timeout' });
    expect(failedAt).toBe(sec(121));
    expect(kinds(w.trace, 'give-up')).toHaveLength(1);

    const w2 = world();
    const p2 = producer(w2);
    w2.broker.crash(30_000);
    let okAt = -1;
    let success: SendResult | undefined;
    w2.sim.schedule(sec(1), () => p2.send(TOPIC, 'k', 'kept').addCallback((ev) => { success = ev.value; okAt = w2.sim.now; }));
    w2.sim.run(sec(130));
    expect(success).toMatchObject({ ok: true, offset: 0 });
    // Back at 30 s; the next retry (back-off at most 1 s) gets through.
    expect(okAt).toBeGreaterThan(sec(30));
    expect(okAt).toBeLessThan(sec(31.5));
  });

  it('a lost request with retries 0 fails with a request timeout; acks=0 "succeeds" without knowing', () => {
    const w = world();
    w.net.isolate('api');
    let result: SendResult | undefined;
    producer(w, { retries: 0, requestTimeoutMs: 5000 }).send(TOPIC, 'k', 'v').addCallback((ev) => { result = ev.value; });
    w.sim.run(sec(10));
    expect(result).toEqual({ ok: false, error: 'Request timed out' });

    const w2 = world();
    w2.broker.crash();
    let fire: SendResult | undefined;
    producer(w2, { acks: 0 }).send(TOPIC, 'k', 'v').addCallback((ev) => { fire = ev.value; });
    w2.sim.run(sec(1));
    expect(fire).toMatchObject({ ok: true, offset: -1 });
    expect(allRecords(w2)).toHaveLength(0);
  });
});

describe('kafka consumer group', () => {
  it('two consumers split the partitions after the initial rebalance delay (extended once by the second joiner)', () => {
    const w = world();
    const c1 = consumer(w, 'c1');
    const c2 = consumer(w, 'c2');
    c1.start();
    c2.start();
    // 3 s of group.initial.rebalance.delay.ms, then 3 s more because c2 joined during the first window.
    w.sim.run(sec(5.9));
    expect(c1.assignment()).toEqual([]);
    w.sim.run(sec(6.1));
    expect(c1.assignment()).toEqual([0, 1]);
    expect(c2.assignment()).toEqual([2, 3]);
    const rebalances = kinds(w.trace, 'rebalance');
    expect(rebalances).toHaveLength(1);
    expect(rebalances[0]!.data).toMatchObject({ generation: 1, assignment: ['c1:0,1', 'c2:2,3'] });
  });

  it('a killed consumer is expired after the session timeout; the survivor takes over at the committed offsets and gets records again', () => {
    const w = world(3);
    produceSteadily(w, producer(w), 4000, 20);
    const seen = new Map<string, KafkaRecord[]>([['c1', []], ['c2', []]]);
    const manual = { enableAutoCommit: false, autoOffsetReset: 'earliest' as const };
    const c1 = consumer(w, 'c1', manual);
    const c2 = consumer(w, 'c2', manual);
    c1.start();
    c2.start();
    worker(w, c1, (r) => seen.get('c1')!.push(r), 1000);
    worker(w, c2, (r) => seen.get('c2')!.push(r), 2000);
    w.sim.run(sec(20.5));
    expect(c2.assignment()).toEqual([2, 3]);
    c2.kill();
    const committedAtKill = [2, 3].map((p) => w.broker.committed(GROUP, TOPIC, p)!);
    const c2Last = [2, 3].map((p) => Math.max(...seen.get('c2')!.filter((r) => r.partition === p).map((r) => r.offset)));
    // c2 processed records it never committed.
    expect(c2Last[0]! + 1).toBeGreaterThan(committedAtKill[0]!);

    w.sim.run(sec(60));
    expect(c1.assignment()).toEqual([0, 1]); // the coordinator has not noticed yet
    w.sim.run(sec(80));
    const expired = kinds(w.trace, 'member-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.data).toMatchObject({ member: 'c2' });
    // Session timeout 45 s after c2's last heartbeat (at most 3 s before the kill).
    expect(expired[0]!.t).toBeGreaterThan(sec(20.5 + 42));
    expect(expired[0]!.t).toBeLessThanOrEqual(sec(20.5 + 45));
    expect(c1.assignment()).toEqual([0, 1, 2, 3]);

    [2, 3].forEach((p, i) => {
      const takeover = seen.get('c1')!.filter((r) => r.partition === p);
      // The new owner starts exactly at the committed offset...
      expect(takeover[0]!.offset).toBe(committedAtKill[i]);
      // ...so what c2 processed after its last commit is delivered again.
      const again = takeover.filter((r) => r.offset <= c2Last[i]!).map((r) => r.offset);
      expect(again).toEqual(Array.from({ length: c2Last[i]! - committedAtKill[i]! + 1 }, (_, k) => committedAtKill[i]! + k));
    });
    // At-least-once: every record written before the end was processed by someone.
    w.sim.run(sec(100));
    for (let p = 0; p < 4; p++) {
      const got = new Set([...seen.get('c1')!, ...seen.get('c2')!].filter((r) => r.partition === p).map((r) => r.offset));
      expect(got.size).toBe(w.broker.logEndOffset(TOPIC, p));
    }
  });

  it('auto-commit can run ahead of processing: a crash then loses records nobody processed', () => {
    const w = world(5);
    produceSteadily(w, producer(w), 3000, 25); // 40 records/s
    const c1 = consumer(w, 'c1', { autoOffsetReset: 'earliest' });
    c1.start();
    // The application hands records to an in-memory queue and processes 20 per second:
    // poll() keeps being called, so auto-commit commits records still waiting in the queue.
    const queue: KafkaRecord[] = [];
    const processed = new Set<string>();
    let alive = true;
    worker(w, c1, (r) => queue.push(r));
    w.sim.process((function* (): ProcessGenerator<void> {
      while (alive) {
        const r = queue.shift();
        if (r) processed.add(`${r.partition}/${r.offset}`);
        yield w.sim.sleep(ms(50));
      }
    })());
    w.sim.run(sec(30));
    c1.kill();
    alive = false;
    queue.length = 0; // the process died with its queue
    const committed = [0, 1, 2, 3].map((p) => w.broker.committed(GROUP, TOPIC, p)!);
    const committedButNotProcessed = [0, 1, 2, 3].flatMap((p) =>
      Array.from({ length: committed[p]! }, (_, o) => `${p}/${o}`).filter((k) => !processed.has(k)));
    expect(committedButNotProcessed.length).toBeGreaterThan(50);

    // A replacement starts at the committed offsets: those records are never delivered again.
    const c3 = consumer(w, 'c3', { autoOffsetReset: 'earliest' });
    const redelivered = new Set<string>();
    c3.start();
    worker(w, c3, (r) => redelivered.add(`${r.partition}/${r.offset}`));
    w.sim.run(sec(120));
    expect(c3.assignment()).toEqual([0, 1, 2, 3]);
    expect(redelivered.size).toBeGreaterThan(0);
    for (const k of committedButNotProcessed) expect(redelivered.has(k)).toBe(false);
  });

  it('lag is log end minus committed, summed over partitions (never-committed partitions count from 0)', () => {
    const w = world();
    const results = produceSteadily(w, producer(w), 100, 5);
    w.sim.run(sec(2));
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    const leo = [0, 1, 2, 3].map((p) => w.broker.logEndOffset(TOPIC, p));
    expect(w.broker.lag(GROUP, TOPIC)).toBe(100);
    const c1 = consumer(w, 'c1', { enableAutoCommit: false, autoOffsetReset: 'earliest' });
    c1.start();
    let done: boolean | undefined;
    w.sim.at(sec(6), () => c1.commit(new Map([[0, 3], [1, leo[1]!]])).addCallback((ev) => { done = ev.value; }));
    w.sim.run(sec(7));
    expect(done).toBe(true);
    expect(w.broker.committed(GROUP, TOPIC, 0)).toBe(3);
    expect(w.broker.committed(GROUP, TOPIC, 2)).toBeNull();
    expect(w.broker.lag(GROUP, TOPIC)).toBe(leo[0]! - 3 + 0 + leo[2]! + leo[3]!);
  });

  it('a member cut off past its session timeout is out of the generation: its commit fails', () => {
    const w = world();
    const c1 = consumer(w, 'c1', { enableAutoCommit: false });
    const c2 = consumer(w, 'c2', { enableAutoCommit: false });
    c1.start();
    c2.start();
    worker(w, c1, () => {});
    worker(w, c2, () => {});
    w.sim.run(sec(10));
    w.net.isolate('c2');
    w.sim.run(sec(60));
    expect(kinds(w.trace, 'member-expired').map((r) => r.data?.['member'])).toEqual(['c2']);
    expect(c1.assignment()).toEqual([0, 1, 2, 3]);
    w.net.heal();
    let ok: boolean | undefined;
    c2.commit(new Map([[2, 0]])).addCallback((ev) => { ok = ev.value; });
    w.sim.run(sec(60.1));
    expect(ok).toBe(false);
    expect(kinds(w.trace, 'commit-failed').at(-1)!.data).toMatchObject({ error: 'unknown-member' });
    // Its next heartbeat tells it to rejoin; the group rebalances back to two members.
    w.sim.run(sec(70));
    expect(c2.assignment()).toEqual([2, 3]);
  });

  it('close() leaves at once: the other member takes over well before the session timeout', () => {
    const w = world();
    const c1 = consumer(w, 'c1');
    const c2 = consumer(w, 'c2');
    c1.start();
    c2.start();
    worker(w, c1, () => {});
    worker(w, c2, () => {});
    w.sim.run(sec(10));
    c2.close();
    w.sim.run(sec(14));
    expect(kinds(w.trace, 'member-left').map((r) => r.data?.['member'])).toEqual(['c2']);
    expect(c1.assignment()).toEqual([0, 1, 2, 3]);
    expect(kinds(w.trace, 'member-expired')).toHaveLength(0);
  });

  it('a consumer that stops polling for max.poll.interval.ms leaves the group', () => {
    const w = world();
    const c1 = consumer(w, 'c1', { maxPollIntervalMs: 20000 });
    const c2 = consumer(w, 'c2', { maxPollIntervalMs: 20000 });
    c1.start();
    c2.start();
    worker(w, c1, () => {});
    // c2 never polls.
    w.sim.run(sec(30));
    expect(kinds(w.trace, 'poll-timeout').map((r) => r.source)).toEqual(['c2']);
    expect(c1.assignment()).toEqual([0, 1, 2, 3]);
  });

  it('a broker crash keeps the log, committed offsets and the generation; consumption resumes after the restart', () => {
    const w = world(11);
    const results = produceSteadily(w, producer(w), 1500, 20);
    const seen: KafkaRecord[] = [];
    const c1 = consumer(w, 'c1', { enableAutoCommit: false, autoOffsetReset: 'earliest' });
    c1.start();
    worker(w, c1, (r) => seen.push(r), 500);
    w.sim.run(sec(10));
    w.broker.crash(15_000);
    const logBefore = allRecords(w).length;
    const committedBefore = [0, 1, 2, 3].map((p) => w.broker.committed(GROUP, TOPIC, p));
    const generationBefore = c1.generationId;
    w.sim.run(sec(12));
    expect(w.broker.up).toBe(false);
    w.sim.run(sec(25.001));
    expect(w.broker.up).toBe(true);
    expect(allRecords(w).length).toBeGreaterThanOrEqual(logBefore);
    expect([0, 1, 2, 3].map((p) => w.broker.committed(GROUP, TOPIC, p))).toEqual(committedBefore);
    w.sim.run(sec(60));
    expect(c1.generationId).toBe(generationBefore);
    expect(kinds(w.trace, 'rebalance')).toHaveLength(1);
    // Idempotent producer: everything sent during the outage arrived once.
    expect(results.filter((r) => r.ok)).toHaveLength(1500);
    expect(new Set(allRecords(w).map((r) => r.value)).size).toBe(allRecords(w).length);
    // And the consumer read all of it.
    expect(new Set(seen.map((r) => `${r.partition}/${r.offset}`)).size).toBe(1500);
    expect(kinds(w.trace, 'crash')).toHaveLength(1);
    expect(kinds(w.trace, 'restart')).toHaveLength(1);
  });

  it('is deterministic: same seed, same trace digest', () => {
    const digest = (seed: number) => {
      const w = world(seed);
      w.sim.faults.inject({ at: 0, target: 'network', kind: 'loss', params: { host: 'api', p: 0.1 } });
      produceSteadily(w, producer(w), 500, 10);
      const c1 = consumer(w, 'c1');
      const c2 = consumer(w, 'c2');
      c1.start();
      c2.start();
      worker(w, c1, () => {});
      worker(w, c2, () => {});
      w.sim.schedule(sec(8), () => c2.kill());
      w.sim.run(sec(70));
      return w.sim.trace.digestHex + '/' + allRecords(w).length;
    };
    expect(digest(4)).toBe(digest(4));
  });
});
