import { Ring } from './ring.js';

/** What a comparison needs of a record: its 1-based number and a key that is equal exactly when the histories so far are. */
export interface Comparable {
  readonly record: number;
  readonly chain: string;
}

export interface Divergence<R> {
  /** 1-based number of the first record that differs (or that one side lacks). */
  readonly record: number;
  /** Up to `context` records just before it, the same on both sides. */
  readonly before: R[];
  /** Side A from the divergent record on, up to 1 + `context` records; fewer where A ended. Empty: A ended first. */
  readonly a: R[];
  readonly b: R[];
}

export type Outcome<R> =
  | { readonly identical: true; readonly records: number }
  | { readonly identical: false; readonly divergence: Divergence<R> };

/**
 * Finds where two record streams part, fed one pair at a time, so one side
 * can be a run in progress (its trace sink feeds B) and the other a file
 * read alongside it. Holds only `context` records before the divergence and
 * `context` + 1 after it on each side, whatever the streams' lengths.
 */
export class DivergenceFinder<R extends Comparable> {
  private readonly before: Ring<R>;
  private readonly a: R[] = [];
  private readonly b: R[] = [];
  private at: number | undefined;
  private aEnded = false;
  private bEnded = false;
  private matched = 0;

  constructor(private readonly context: number) {
    this.before = new Ring<R>(context);
  }

  /**
   * The next record of each side; undefined for a side that has ended (and
   * stays ended). Returns whether more records are wanted.
   */
  push(a: R | undefined, b: R | undefined): boolean {
    if (a === undefined) this.aEnded = true;
    if (b === undefined) this.bEnded = true;
    if (this.at === undefined) {
      if (a !== undefined && b !== undefined && a.chain === b.chain) {
        this.before.push(b);
        this.matched++;
        return true;
      }
      if (a === undefined && b === undefined) return false;
      this.at = this.matched + 1;
    }
    if (a !== undefined && !this.aEnded && this.a.length <= this.context) this.a.push(a);
    if (b !== undefined && !this.bEnded && this.b.length <= this.context) this.b.push(b);
    return this.wantsMore();
  }

  /** Whether the comparison needs more records (false once both sides are done or their context is full). */
  wantsMore(): boolean {
    if (this.at === undefined) return !(this.aEnded && this.bEnded);
    return !((this.aEnded || this.a.length > this.context) && (this.bEnded || this.b.length > this.context));
  }

  /** The outcome so far: call it once both streams are fed to their end (or wantsMore() is false). */
  outcome(): Outcome<R> {
    if (this.at === undefined) return { identical: true, records: this.matched };
    return { identical: false, divergence: { record: this.at, before: this.before.toArray(), a: [...this.a], b: [...this.b] } };
  }
}

/** The first divergence of two record streams, reading each only as far as needed. */
export function firstDivergence<R extends Comparable>(a: Iterable<R>, b: Iterable<R>, context: number): Outcome<R> {
  const finder = new DivergenceFinder<R>(context);
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  try {
    let ra = ia.next(), rb = ib.next();
    while (finder.push(ra.done ? undefined : ra.value, rb.done ? undefined : rb.value)) {
      if (!ra.done) ra = ia.next();
      if (!rb.done) rb = ib.next();
    }
  } finally {
    ia.return?.();
    ib.return?.();
  }
  return finder.outcome();
}
