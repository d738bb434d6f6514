import type { Event } from '../../src/kernel/event.js';
import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import type { Pod } from '../k8s/pod.js';

/**
 * Work a pod runs as callbacks rather than as processes (a request's steps),
 * killed exactly when a process of the pod would be: the pod kills all its
 * processes at once (crash, OOM kill, hang, termination). One parked process
 * stands for every piece of work started while it lives; the pod kills it
 * with the others, so a ticket's `isAlive` turns false at that same moment.
 * Work started after that gets a new ticket.
 */
export class PodWork {
  private current: Process<void> | null = null;

  constructor(private readonly sim: Simulation, private readonly pod: Pod) {}

  /** The ticket for work starting now: check `isAlive` before each step. */
  ticket(): Process<void> {
    if (this.current === null || !this.current.isAlive) this.current = this.pod.spawn(parked(this.sim.event<void>()), 'work');
    return this.current;
  }
}

/** Waits for an event nobody triggers: lives until killed. */
function* parked(never: Event<void>): ProcessGenerator<void> {
  yield never;
}
