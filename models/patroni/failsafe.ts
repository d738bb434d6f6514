import type { ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { wait } from '../../src/kernel/wait.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { PatroniEvents } from './patroni-events.js';

/** The member side of POST /failsafe (PatroniAgent.acceptFailsafe): undefined while not serving. */
export interface FailsafePeer {
  acceptFailsafe(leader: string): boolean | undefined;
}

/** patroni/ha.py `call_failsafe_member`: a 2 s timeout and one retry. */
const POST_TIMEOUT = ms(2_000);
const POST_TRIES = 2;

/**
 * One member's view of Patroni's failsafe_mode (patroni/ha.py `Failsafe`,
 * `check_failsafe_topology`; docs/dcs_failsafe_mode.rst):
 * - as leader: the /failsafe members it last read from the DCS; when the
 *   DCS is lost it POSTs /failsafe to each of them and stays primary only if
 *   all accept (a node that runs as primary itself refuses);
 * - as member: the leader that last POSTed, taken for the cluster's leader
 *   for `ttl` after that POST even when the leader key is gone.
 */
export class FailsafeState {
  private members: readonly string[] | null = null;
  private postedBy: string | null = null;
  private postedUntil: Micros = 0;
  private active = false;
  private readonly trace: TypedTrace<PatroniEvents>;

  constructor(private readonly sim: Simulation, private readonly name: string, private readonly ttl: Micros) {
    this.trace = sim.trace.typed<PatroniEvents>();
  }

  static parse(text: string | undefined): readonly string[] | null {
    return text === undefined ? null : (JSON.parse(text) as string[]);
  }

  /** The /failsafe members the leader read in its last successful cycle. */
  remember(members: readonly string[] | null): void {
    this.members = members;
  }

  heardFrom(leader: string): void {
    this.postedBy = leader;
    this.postedUntil = this.sim.now + this.ttl;
  }

  /** The leader that POSTed /failsafe within the last ttl, if any (`Failsafe.leader`). */
  leader(): string | null {
    return this.postedBy !== null && this.sim.now < this.postedUntil ? this.postedBy : null;
  }

  /** A successful DCS cycle ends failsafe operation (`_failsafe.set_is_active(0)`). */
  dcsAnswered(): void {
    if (!this.active) return;
    this.active = false;
    this.trace.emit(this.name, 'failsafe-off');
  }

  /** Whether every /failsafe member accepts our POST: the leader may then keep running as primary. */
  *topologyHolds(net: Network, peers: ReadonlyMap<string, FailsafePeer>): ProcessGenerator<boolean> {
    const members = this.members;
    if (members === null || !members.includes(this.name)) return this.fail('no /failsafe key naming this node');
    const others = members.filter((m) => m !== this.name && peers.has(m));
    const posts = others.map((m) => this.sim.process(this.post(net, m, peers.get(m)!), `${this.name}/failsafe`));
    const accepted = yield* wait(this.sim.allOf(posts));
    const refused = others.filter((_, i) => !accepted[i]);
    if (refused.length > 0) return this.fail(`no answer or refused: ${refused.join(', ')}`);
    if (!this.active) this.trace.emit(this.name, 'failsafe', { members: [...members] });
    this.active = true;
    return true;
  }

  private *post(net: Network, member: string, peer: FailsafePeer): ProcessGenerator<boolean> {
    for (let i = 0; i < POST_TRIES; i++) {
      const r = yield* wait(net.call(this.name, member, () => peer.acceptFailsafe(this.name), POST_TIMEOUT));
      if (r.ok) return r.value;
    }
    return false;
  }

  private fail(why: string): boolean {
    this.active = false;
    this.trace.emit(this.name, 'failsafe-refused', { why });
    return false;
  }
}
