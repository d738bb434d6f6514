import type { FaultKind } from '../scenario/fault-space.js';
import type { FaultSpec } from '../scenario/fault-spec.js';

/**
 * One generated fault as small integers, so that fast-check's shrinking
 * (integers toward 0, arrays toward fewer elements) means fewer, later and
 * milder faults: `kind`, `target` and `severity` index the fault space's
 * mildest-first lists, `fromEndMs` counts back from the end of the window.
 */
export interface FaultGene {
  readonly kind: number;
  readonly target: number;
  readonly severity: number;
  readonly fromEndMs: number;
}

/** What a gene became: its fault kind's name and the concrete faults. */
export interface DrawnFault {
  readonly kind: string;
  /** The fault itself: coverage counts its kernel kind. */
  readonly primary: FaultSpec;
}

export interface Window {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Wraps an index into a list (genes are drawn for the longest list of any kind). */
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/**
 * The schedule a list of genes stands for, sorted by time (stable, so equal
 * times keep the genes' order): the fault file `sim run --faults` reads.
 */
export function decodeGenes(kinds: readonly FaultKind[], window: Window, genes: readonly FaultGene[]): { faults: FaultSpec[]; drawn: DrawnFault[] } {
  const faults: FaultSpec[] = [];
  const drawn: DrawnFault[] = [];
  for (const g of genes) {
    const kind = pick(kinds, g.kind);
    const at = window.toMs - Math.min(g.fromEndMs, window.toMs - window.fromMs);
    const expanded = kind.expand(pick(kind.targets, g.target), pick(kind.severities, g.severity), at);
    faults.push(...expanded);
    drawn.push({ kind: kind.name, primary: expanded[0]! });
  }
  return { faults: faults.map((f, i) => ({ f, i })).sort((a, b) => Number(a.f.at) - Number(b.f.at) || a.i - b.i).map(({ f }) => f), drawn };
}
