import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { K8sResourceEvents } from './resource-events.js';

/** The container's fate when its cgroup goes over memory.max, as the kubelet reports it. */
export interface OomKill {
  /** 128 + SIGKILL (9). */
  readonly exitCode: 137;
  readonly reason: 'OOMKilled';
  /** The usage the failed charge would have reached, and the limit. */
  readonly usageBytes: number;
  readonly limitBytes: number;
}

export interface MemoryCgroupOptions {
  /** The container's memory limit (memory.max), in bytes: 512 Mi = 512 * 2 ** 20. */
  readonly limitBytes: number;
  /** Register the `memory-charge` fault {bytes} on the cgroup's name (default true). */
  readonly faults?: boolean | undefined;
}

/** The usage as a percentage of the limit (the "85 % of the memory limit" alert). */
export function memoryPercent(usageBytes: number, limitBytes: number): number {
  return (100 * usageBytes) / limitBytes;
}

/** Whether usage is at or over `percent` of the limit. */
export function memoryOver(usageBytes: number, limitBytes: number, percent: number): boolean {
  return usageBytes * 100 >= percent * limitBytes;
}

/**
 * A container's memory cgroup. Memory limits are enforced by the kernel: a
 * charge past memory.max that reclaim cannot cover invokes the OOM killer
 * [K8S-RES]. Since Kubernetes 1.28 on cgroup v2 the kubelet sets
 * memory.oom.group=1, so the kernel kills every process in the container
 * together [K8S-117793] (the kubelet flag singleProcessOOMKill, 1.32, turns
 * that off [K8S-126096]; not modelled). The kubelet then reports exit code
 * 137, reason OOMKilled [OCP-OOM], and restarts the container per its
 * restartPolicy with the crash-loop back-off: route `onOomKill` to the
 * owner's Lifecycle (`pod.crash('OOMKilled')` or the `oom` stop).
 *
 * Usage here is the working set (anonymous memory, which reclaim cannot
 * free without swap): charge what the application allocates, uncharge what
 * it frees. After a kill the usage is 0 (the processes and their memory are
 * gone); the restarted container charges its own baseline again.
 */
export class MemoryCgroup {
  usageBytes = 0;
  /** memory.events oom_kill: kills so far. */
  oomKills = 0;
  private readonly hooks: ((kill: OomKill) => void)[] = [];

  constructor(private readonly sim: Simulation, readonly name: string, readonly options: MemoryCgroupOptions) {
    if (!(options.limitBytes > 0)) throw new RangeError(`MemoryCgroup ${name}: limitBytes must be > 0`);
    if (options.faults !== false) {
      sim.faults.on(name, 'memory-charge', (f) => this.charge(Number(f.params?.['bytes'])), z.object({ bytes: z.number().int().positive() }));
    }
  }

  get limitBytes(): number { return this.options.limitBytes; }
  get percentOfLimit(): number { return memoryPercent(this.usageBytes, this.options.limitBytes); }

  /** Runs `hook` on every OOM kill, after the usage has dropped to 0. */
  onOomKill(hook: (kill: OomKill) => void): void { this.hooks.push(hook); }

  /** Allocates `bytes`; returns false when the charge went over the limit and the container was killed. */
  charge(bytes: number): boolean {
    const next = this.usageBytes + bytes;
    if (next <= this.options.limitBytes) {
      this.usageBytes = next;
      return true;
    }
    this.kill(next);
    return false;
  }

  /** Frees `bytes` (never below 0). */
  uncharge(bytes: number): void {
    this.usageBytes = Math.max(0, this.usageBytes - bytes);
  }

  /** The container stopped for another reason: its memory is released. */
  reset(): void {
    this.usageBytes = 0;
  }

  private kill(usageBytes: number): void {
    const kill: OomKill = { exitCode: 137, reason: 'OOMKilled', usageBytes, limitBytes: this.options.limitBytes };
    this.oomKills++;
    this.usageBytes = 0;
    this.sim.trace.typed<K8sResourceEvents>().emit(this.name, 'oom-kill', { usageBytes, limitBytes: kill.limitBytes, exitCode: kill.exitCode, reason: kill.reason });
    for (const h of this.hooks) h(kill);
  }
}
