/**
 * What makes two sets of run records parts of the same sweep: the scenario,
 * every parameter (defaults included) and the base seed. Records carry no
 * header, so each one is checked on its own: run i of a sweep from base seed
 * S has seed seedFor(S, i).
 */
import { BadInput } from '../scenario/settings.js';
import { seedFor, type RunRecord } from './run-record.js';

export interface SweepIdentity {
  readonly scenario: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly baseSeed: number;
}

/** JSON with object keys sorted, so parameter sets compare by value whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
  });
}

/**
 * The keys of either object whose values differ, a's keys first then b's
 * (by canonical JSON unless `same` says otherwise).
 */
export function differingKeys<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, same: (x: T | undefined, y: T | undefined) => boolean = (x, y) => canonicalJson(x) === canonicalJson(y)): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k], b[k]));
}

/** The base seed a record implies (its seed is seedFor(base, index)). */
export function baseSeedOf(r: RunRecord): number {
  return r.seed - r.index;
}

export function identityOf(r: RunRecord): SweepIdentity {
  return { scenario: r.scenario, params: r.params, baseSeed: baseSeedOf(r) };
}

/** The settings that differ between two parameter sets, as "key=a vs b" text. */
function paramDifference(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, reference: string): string {
  const diff = differingKeys(a, b).sort();
  if (diff.length === 0) return 'parameters differ';
  const k = diff[0]!;
  const show = (v: unknown) => (v === undefined ? '(absent)' : canonicalJson(v));
  return `${k}=${show(b[k])}, but ${k}=${show(a[k])} in ${reference}${diff.length > 1 ? ` (and ${diff.length - 1} more differences)` : ''}`;
}

/**
 * Checks records one by one against a sweep's identity. Records that match
 * get the identity's own params object, so a million records in memory share
 * one copy.
 */
export class IdentityCheck {
  private readonly paramsKey: string;

  /** `reference` names where the identity comes from in messages: "this sweep", "a.ndjson line 1". */
  constructor(readonly identity: SweepIdentity, private readonly reference = 'this sweep') {
    this.paramsKey = canonicalJson(identity.params);
  }

  /**
   * A record a worker of this sweep made from its own settings: its params are
   * checked in full for the first one, then only replaced by the shared
   * copy, which spares the main thread a canonical JSON per run.
   */
  own(r: RunRecord, where: string): RunRecord {
    if (!this.ownChecked) {
      this.ownChecked = true;
      return this.check(r, where);
    }
    return this.check({ ...r, params: this.identity.params as Record<string, unknown> }, where);
  }

  private ownChecked = false;

  /** The record with shared params, or a BadInput saying how it differs. `where` is e.g. 'results.ndjson line 4'. */
  check(r: RunRecord, where: string): RunRecord {
    const id = this.identity;
    const ref = this.reference;
    if (r.scenario !== id.scenario) throw new BadInput(`${where}: a run of scenario "${r.scenario}", but ${ref} is of "${id.scenario}" (not the same sweep)`);
    if (r.seed !== seedFor(id.baseSeed, r.index)) {
      throw new BadInput(`${where}: run ${r.index} has seed ${r.seed}, so its sweep started from --seed ${baseSeedOf(r)}, but ${ref} from --seed ${id.baseSeed} (not the same sweep)`);
    }
    if (r.params !== id.params && canonicalJson(r.params) !== this.paramsKey) {
      throw new BadInput(`${where}: run ${r.index} has ${paramDifference(id.params, r.params, ref)} (not the same sweep)`);
    }
    return r.params === id.params ? r : { ...r, params: id.params as Record<string, unknown> };
  }
}
