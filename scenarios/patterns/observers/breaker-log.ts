import type { Micros, TraceRecord, TraceSink } from '../../../src/scenario/index.js';

export interface BreakerStep {
  readonly t: Micros;
  readonly source: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The breakers' state changes, read off the trace (kind `transition`, as
 * models/breaker traces them): when each opened first, how often, how long
 * they stayed open, and the whole walk for the state-diagram claim.
 */
export class BreakerLog implements TraceSink {
  readonly steps: BreakerStep[] = [];
  private readonly openSince = new Map<string, Micros>();
  private readonly openTotal = new Map<string, Micros>();

  record(rec: TraceRecord): void {
    if (rec.kind !== 'transition' || !rec.source.startsWith('breaker/')) return;
    const d = rec.data as { from: string; to: string };
    this.steps.push({ t: rec.t, source: rec.source, from: d.from, to: d.to });
    if (d.to === 'open') this.openSince.set(rec.source, rec.t);
    else if (d.from === 'open') this.closeWindow(rec.source, rec.t);
  }

  /** The breaker's state as last traced (read-only: asking the breaker itself could move a due timer). */
  isOpen(source: string): boolean {
    return this.openSince.has(source);
  }

  opens(source?: string): number {
    return this.count('open', source);
  }

  /** Transitions into `state`, of one breaker or of all. */
  count(state: string, source?: string): number {
    return this.steps.filter((s) => s.to === state && (source === undefined || s.source === source)).length;
  }

  firstOpenAt(source?: string): Micros | null {
    return this.steps.find((s) => s.to === 'open' && (source === undefined || s.source === source))?.t ?? null;
  }

  /** Time spent open up to `now`, summed over the breakers. */
  openUs(now: Micros): Micros {
    let total = 0;
    for (const t of this.openTotal.values()) total += t;
    for (const since of this.openSince.values()) total += now - since;
    return total;
  }

  /** The states one breaker went through, e.g. closed>open>half-open>closed. */
  walk(source: string): string {
    const mine = this.steps.filter((s) => s.source === source);
    return mine.length === 0 ? 'closed' : [mine[0]!.from, ...mine.map((s) => s.to)].join('>');
  }

  private closeWindow(source: string, t: Micros): void {
    const since = this.openSince.get(source);
    if (since === undefined) return;
    this.openSince.delete(source);
    this.openTotal.set(source, (this.openTotal.get(source) ?? 0) + t - since);
  }
}
