/**
 * The admission decisions of resilience4j's two bulkheads as pure functions
 * of counts, so they can be checked without a simulation (the bulkhead
 * classes only keep the counts and the timers). Sources: resilience4j
 * `SemaphoreBulkhead.java` and `FixedThreadPoolBulkhead.java` [R4J-BH-IMPL],
 * whose thread pool is a `java.util.concurrent.ThreadPoolExecutor`
 * (`execute`, `getTask`) [JDK-TPE].
 */

/**
 * `BulkheadFullException`'s message, word for word [R4J-BH-EX]: callers
 * match on it as real code does. (The interrupted-while-waiting variant
 * has no counterpart here: nothing interrupts a simulated wait.)
 */
export function bulkheadFullMessage(name: string): string {
  return `Bulkhead '${name}' is full and does not permit further calls`;
}

export type SemaphoreDecision = 'grant' | 'wait' | 'reject';

/**
 * `Semaphore.tryAcquire(maxWaitDuration)` on a fair semaphore: a free
 * permit is taken only when nobody is queued (a fair semaphore's
 * `hasQueuedPredecessors`), otherwise the caller queues if it may wait at
 * all; `maxWaitDuration` 0 (the default) rejects at once.
 */
export function semaphoreAdmission(inUse: number, waiting: number, maxConcurrentCalls: number, maxWaitMs: number): SemaphoreDecision {
  if (inUse < maxConcurrentCalls && waiting === 0) return 'grant';
  return maxWaitMs > 0 ? 'wait' : 'reject';
}

export type ThreadPoolDecision = 'new-thread' | 'idle-thread' | 'enqueue' | 'reject';

export interface ThreadPoolLimits {
  readonly coreThreadPoolSize: number;
  readonly maxThreadPoolSize: number;
  readonly queueCapacity: number;
}

/**
 * `ThreadPoolExecutor.execute`, in its order [JDK-TPE]:
 * 1. fewer than core threads: start a new thread with the task, even if
 *    other threads are idle;
 * 2. else offer the task to the queue. An idle thread waits in the queue's
 *    take/poll, so it gets the task at once; with `queueCapacity` 0
 *    resilience4j uses a `SynchronousQueue`, whose offer succeeds only when
 *    such a thread waits; otherwise the queue takes it while not full;
 * 3. else start a new thread up to max;
 * 4. else reject (`AbortPolicy`, which resilience4j turns into
 *    `BulkheadFullException`).
 * So the pool grows past core only once the queue is full: with the default
 * queue of 100, a pool of core 1 runs one task at a time until 100 wait.
 *
 * `threads` are the workers alive (busy + idle, `getPoolSize()`), `idle`
 * those blocked in the queue's take/poll, `queued` the tasks no thread has
 * taken yet.
 */
export function threadPoolAdmission(threads: number, idle: number, queued: number, l: ThreadPoolLimits): ThreadPoolDecision {
  if (threads < l.coreThreadPoolSize) return 'new-thread';
  if (idle > 0) return 'idle-thread';
  if (queued < l.queueCapacity) return 'enqueue';
  if (threads < l.maxThreadPoolSize) return 'new-thread';
  return 'reject';
}

/**
 * `ThreadPoolExecutor.getTask` when an idle thread's `poll(keepAlive)`
 * times out: it exits if the pool still has more than core threads
 * (`timed && timedOut`; `wc > 1` holds since core >= 1); otherwise it goes
 * back to an untimed `take()` and stays for good [JDK-TPE].
 */
export function retiresAfterKeepAlive(threads: number, coreThreadPoolSize: number): boolean {
  return threads > coreThreadPoolSize;
}

/**
 * Whether a thread that just went idle waits with a timeout at all: only
 * while the pool has more than core threads (`timed = wc > corePoolSize`,
 * `allowCoreThreadTimeOut` is false in resilience4j) [JDK-TPE].
 */
export function idleIsTimed(threads: number, coreThreadPoolSize: number): boolean {
  return threads > coreThreadPoolSize;
}

/** resilience4j's semaphore bulkhead defaults, `BulkheadConfig` [R4J-BH]. */
export const SEMAPHORE_DEFAULTS = {
  maxConcurrentCalls: 25,
  maxWaitMs: 0,
  fairCallHandlingEnabled: true,
} as const;

/**
 * `ThreadPoolBulkheadConfig` defaults [R4J-BH]: max = the JVM's
 * `availableProcessors()`, core = that minus one but at least 1, a queue of
 * 100 and a keep-alive of 20 ms. The simulation has no CPU count of its
 * own, so it is a parameter (default 2: max 2, core 1).
 */
export function threadPoolDefaults(cpus = 2): { coreThreadPoolSize: number; maxThreadPoolSize: number; queueCapacity: number; keepAliveMs: number } {
  if (!(Number.isInteger(cpus) && cpus >= 1)) throw new Error(`cpus must be a positive integer, got ${cpus}`);
  return { coreThreadPoolSize: cpus > 1 ? cpus - 1 : 1, maxThreadPoolSize: cpus, queueCapacity: 100, keepAliveMs: 20 };
}
