import type { Micros } from '../../src/kernel/time.js';
import type { WalRecord } from './wal.js';

/**
 * A record handed to a WAL sender that leaves at `leaveAt`. When the network
 * can tell that nothing on it changes before then, the record is sent ahead
 * at once and arrives in one event instead of two (a departure, then an
 * arrival); `arrival` is its arrival time, -1 if the network dropped it.
 */
export interface Shipment {
  readonly rec: WalRecord;
  readonly incarnation: number;
  readonly leaveAt: Micros;
  arrival: Micros;
  /** Withdrawn before it left (another message had to go first); it is sent again the two-event way. */
  withdrawn: boolean;
}

/**
 * One WAL sender's stream to one replica: when the sender is next free, and
 * the arrival time of the last message that left, which the next may not
 * overtake (TCP keeps a stream in order). Records sent ahead count as left
 * once their departure time has passed.
 */
export class WalStream {
  /** When the sender has handed its last queued record to the network. */
  senderFree: Micros = 0;
  /** Records leaving the two-event way that have not left yet: nothing may be sent ahead behind them. */
  slowPending = 0;
  private left: Micros = 0;
  private last: Micros = 0;
  private readonly ahead: Shipment[] = [];

  /** Arrival of the last message that has left by `now`. */
  leftArrival(now: Micros): Micros {
    let i = 0;
    for (; i < this.ahead.length && this.ahead[i]!.leaveAt <= now; i++) {
      const a = this.ahead[i]!.arrival;
      if (a >= 0) this.left = a;
    }
    if (i > 0) this.ahead.splice(0, i);
    return this.left;
  }

  /** Arrival of the last message in the stream, left or sent ahead: what a record leaving after all of them must not overtake. */
  get lastArrival(): Micros {
    return this.last;
  }

  /** A message left now with this arrival (-1: dropped). */
  noteLeft(arrival: Micros): void {
    if (arrival < 0) return;
    this.left = arrival;
    this.last = arrival;
  }

  /** A record was sent ahead. */
  noteAhead(s: Shipment): void {
    this.ahead.push(s);
    if (s.arrival >= 0) this.last = s.arrival;
  }

  /**
   * Another message leaves now, before records sent ahead to leave later:
   * withdraws those (they must follow it, as they would have) and returns
   * them to be sent again when they leave.
   */
  withdrawAhead(now: Micros): Shipment[] {
    this.leftArrival(now);
    const later = this.ahead.splice(0);
    for (const s of later) s.withdrawn = true;
    this.last = this.left;
    return later;
  }
}
