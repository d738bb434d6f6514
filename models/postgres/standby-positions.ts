import type { Micros } from '../../src/kernel/time.js';

/** A flush position on its way to the primary, not delivered as an event (see StandbyPositions). */
interface UnheardAck {
  readonly standby: string;
  readonly lsn: number;
  readonly arrival: Micros;
}

/** Unheard acks are folded in at least this often, so the list stays short when nobody asks. */
const FOLD_EVERY = 256;

/**
 * What a primary knows of each standby's flushed WAL position (the
 * walsender's view of the standby's replies). The position of a standby the
 * primary is not waiting for (not its synchronous standby) is read only when
 * the primary next looks: at a change of synchronous standby, a shutdown's
 * last batch, a promotion. Such acks need no event: they are kept with their
 * arrival time and folded in when read, each only if the primary could hear
 * it when it arrived (`heardAt`, from the primary's recorded state), which is
 * what delivering it as an event would have checked then.
 */
export class StandbyPositions {
  private readonly flushed = new Map<string, number>();
  private unheard: UnheardAck[] = [];

  constructor(private readonly heardAt: (t: Micros) => boolean) {}

  /** An ack delivered as an event, now. */
  arrived(standby: string, lsn: number): void {
    if (lsn > (this.flushed.get(standby) ?? 0)) this.flushed.set(standby, lsn);
  }

  /** An ack that arrives at `arrival` with no event. */
  unheardAck(standby: string, lsn: number, arrival: Micros, now: Micros): void {
    this.unheard.push({ standby, lsn, arrival });
    if (this.unheard.length >= FOLD_EVERY) this.fold(now);
  }

  /** The standby's last flushed position the primary has heard of by `now`. */
  get(standby: string, now: Micros): number {
    this.fold(now);
    return this.flushed.get(standby) ?? 0;
  }

  /** Forgets every position (a promotion), after taking in what arrived before `now`. */
  clear(now: Micros): void {
    this.fold(now);
    this.flushed.clear();
  }

  /** The standby's acks still in flight at `now`, taken out: the primary now waits for them, so they travel as events. */
  takeInFlight(standby: string, now: Micros): { lsn: number; arrival: Micros }[] {
    this.fold(now);
    const mine = this.unheard.filter((a) => a.standby === standby);
    if (mine.length > 0) this.unheard = this.unheard.filter((a) => a.standby !== standby);
    return mine;
  }

  /** Takes in every ack that has arrived by `now`, in arrival order (a clear in between is at `now`, after them all). */
  private fold(now: Micros): void {
    if (this.unheard.length === 0) return;
    const later: UnheardAck[] = [];
    for (const a of this.unheard) {
      if (a.arrival > now) later.push(a);
      else if (this.heardAt(a.arrival)) this.arrived(a.standby, a.lsn);
    }
    this.unheard = later;
  }
}
