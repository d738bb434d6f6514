import type { Micros } from './time.js';
import type { TraceData } from './trace-data.js';

/**
 * A model's trace events: each kind it emits and the data that goes with it
 * (`undefined`: a record without data). Declared with `type`, not
 * `interface`, so it fits the index signature. Key order inside each data
 * type documents the order the model writes them in, which the digest hashes.
 */
export type EventMap = { readonly [kind: string]: TraceData | undefined };

type DataArg<D> = [D] extends [undefined] ? [] : undefined extends D ? [data?: Exclude<D, undefined>] : [data: D];

/**
 * `sim.trace` seen through one model's event map: `emit` accepts only the
 * declared kinds, each with its own data. Same object, same call, no cost.
 */
export interface TypedTrace<E extends EventMap> {
  emit<K extends keyof E & string>(source: string, kind: K, ...data: DataArg<E[K]>): void;
}

/**
 * A fault's record (src/kernel/faults.ts): source 'fault', the fault's kind,
 * its target and its params as JSON. Its kind may equal a model's (a
 * `node-crash` fault and the pod's `node-crash` record), so readers tell the
 * two apart with `isFaultRecord` first.
 */
export type FaultRecord = { readonly t: Micros; readonly source: 'fault'; readonly kind: string; readonly data: { readonly target: string; readonly params: string | null } };

export function isFaultRecord<R extends { readonly source: string }>(rec: R | FaultRecord): rec is FaultRecord {
  return rec.source === 'fault';
}

/** The records a model's events produce, as a discriminated union on `kind`. */
export type RecordOf<E extends EventMap> = {
  [K in keyof E & string]: [E[K]] extends [undefined]
    ? { readonly t: Micros; readonly source: string; readonly kind: K; readonly data?: undefined }
    : { readonly t: Micros; readonly source: string; readonly kind: K; readonly data: E[K] };
}[keyof E & string];
