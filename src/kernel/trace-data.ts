/** What a trace record's data may hold: JSON values the digest hashes as they are written. */
export type TraceValue = string | number | boolean | null | readonly (string | number)[];
export type TraceData = Readonly<Record<string, TraceValue>>;
