/**
 * What can be wrong with a write, and which checks can see it (seed 001,
 * "Data Corruption", Defense in Depth). Each check is one concrete thing a
 * layer does; a defect lists the checks that catch it *by what that check
 * reads*, not by a wish:
 *
 * - L1 (API boundary) reads the request alone: its payload against a schema,
 *   its values against business rules, its idempotency key against the keys
 *   already seen. It does not know the current state of anything.
 * - L2 (domain/service) reads the request plus the aggregate it loads in the
 *   transaction (the order, the payment, the customer): invariants between
 *   the request and that state, and the state machine's legal transitions.
 * - L3 (database) reads the row being written and, through indexes, the keys
 *   of other rows at commit: NOT NULL, column types, CHECK (this row only:
 *   PostgreSQL does not support CHECK constraints that read other rows or
 *   tables, [PG-CONSTRAINTS]), FOREIGN KEY, UNIQUE.
 * - L4 (reconciliation) reads the whole persisted data set later, and
 *   optionally an outside source of truth: row rules re-run over stored rows
 *   (data-quality monitoring), cross-row consistency queries, and a
 *   comparison with the system that owns the fact (payment provider,
 *   warehouse, ledger).
 */

export type DefenseLayer = 'L1' | 'L2' | 'L3' | 'L4';
export const DEFENSE_LAYERS: readonly DefenseLayer[] = ['L1', 'L2', 'L3', 'L4'];

/** The seed's names for the layers. */
export const DEFENSE_LAYER_NAMES: Readonly<Record<DefenseLayer, string>> = {
  L1: 'input validation (API boundary)',
  L2: 'domain validation (service layer)',
  L3: 'database constraints (persistence layer)',
  L4: 'reconciliation jobs (background)',
};

/** Every check, each belonging to exactly one layer. */
export const DEFENSE_CHECK_LAYER = {
  schema: 'L1', // JSON Schema / Pydantic: required fields, types, additionalProperties: false
  businessRules: 'L1', // rules on the request's own values (quantity > 0)
  idempotencyKey: 'L1', // a store of keys already answered ([IDEMPOTENCY-KEY])
  invariants: 'L2', // invariants between the request and the loaded aggregate
  stateTransitions: 'L2', // the aggregate's state machine
  referenceLookup: 'L2', // the service loads the entities the write refers to
  notNull: 'L3',
  columnTypes: 'L3', // typed columns, not a JSONB/text document column
  check: 'L3',
  foreignKey: 'L3',
  unique: 'L3', // unique indexes on a natural or client-supplied key
  rowRules: 'L4', // row predicates over stored rows (nulls, ranges, types)
  crossRecord: 'L4', // consistency queries over many rows (sums, orphans, duplicates)
  sourceOfTruth: 'L4', // comparison with the system that owns the fact
} as const satisfies Record<string, DefenseLayer>;

export type DefenseCheck = keyof typeof DEFENSE_CHECK_LAYER;
export const DEFENSE_CHECKS = Object.keys(DEFENSE_CHECK_LAYER) as readonly DefenseCheck[];
export type ReconciliationCheck = { [C in DefenseCheck]: (typeof DEFENSE_CHECK_LAYER)[C] extends 'L4' ? C : never }[DefenseCheck];
export const RECONCILIATION_CHECKS: readonly ReconciliationCheck[] = ['rowRules', 'crossRecord', 'sourceOfTruth'];

export interface DefectSpec {
  /** One concrete instance, for reports. */
  readonly example: string;
  /** The checks that catch it, in layer order; the comment above each entry says why the others cannot. */
  readonly caughtBy: readonly DefenseCheck[];
}

export type DefectKind =
  | 'missing-field' | 'wrong-type' | 'out-of-range' | 'mass-assignment' | 'invariant-violation'
  | 'broken-reference' | 'duplicate' | 'illegal-transition' | 'cross-record' | 'silent-corruption';

export const DEFECT_CATALOGUE: Readonly<Record<DefectKind, DefectSpec>> = {
  // L1 schema: `required` fails on the payload alone. L2: the service works
  // on the parsed object and checks relations to stored state, not presence.
  // L3 NOT NULL: the absent field arrives as NULL (a CHECK would not help: a
  // CHECK is satisfied when its expression is NULL, [PG-CONSTRAINTS]).
  // L4 row rules: a null-count query over the column.
  'missing-field': { example: 'order without shipping_address', caughtBy: ['schema', 'notNull', 'rowRules'] },
  // L1 schema: the type keyword. L2: as above. L3: a typed column refuses a
  // value it cannot cast ("invalid input syntax for type integer"); a
  // JSONB/text document column stores it (columnTypes off). L4: a type
  // probe over stored documents (jsonb_typeof).
  'wrong-type': { example: 'quantity "three" instead of 3', caughtBy: ['schema', 'columnTypes', 'rowRules'] },
  // L1 business rules: quantity > 0 is a rule on the request's own values
  // (the seed puts "business rule validation" in Layer 1; ASSUMPTION: not
  // written again in the domain layer). L3 CHECK (quantity > 0), if the
  // schema declares one. L4: the same predicate over stored rows.
  'out-of-range': { example: 'quantity -2', caughtBy: ['businessRules', 'check', 'rowRules'] },
  // L1 schema with additionalProperties: false / readOnly properties refuses
  // a field the client may not set ([OWASP-API3], mass assignment). L2 and
  // L3 see an ordinary order with a plausible unit_price in range; only a
  // comparison with the price list (L4 source of truth) shows it is wrong.
  'mass-assignment': { example: 'client sends unit_price 0.01 and it is bound to the order', caughtBy: ['schema', 'sourceOfTruth'] },
  // L1 cannot know the captured amount. L2 loads the payment and checks
  // refund <= captured. L3: both columns are on the payment row, so
  // CHECK (refunded <= captured) is a legal row constraint. L4: the same
  // predicate over stored rows.
  'invariant-violation': { example: 'refund larger than the amount captured', caughtBy: ['invariants', 'check', 'rowRules'] },
  // L1 sees a well-formed id. L2 only if it loads the customer. L3 FOREIGN
  // KEY: the insert looks the key up in customers at commit, under a
  // KEY SHARE lock (postgres ri_triggers.c `RI_FKey_check`), so it also
  // catches a delete racing with the service's lookup. A NULL reference
  // passes the foreign key ([PG-CONSTRAINTS]); here the id is not NULL.
  // L4 cross-record: an anti-join finds orphans.
  'broken-reference': { example: 'order for a deleted customer', caughtBy: ['referenceLookup', 'foreignKey', 'crossRecord'] },
  // L1 idempotency key: the retried request carries the key of the first
  // (a client retry does; a second click that mints a new key does not, and
  // only the unique index on a natural key catches that one). L2: a
  // check-then-insert races with its twin, which is the double submit's
  // very timing. L3 UNIQUE: the index sees the committed twin. L4: GROUP BY
  // key HAVING count(*) > 1.
  duplicate: { example: 'the same order submitted twice', caughtBy: ['idempotencyKey', 'unique', 'crossRecord'] },
  // L1 does not know the current state. L2's state machine does. L3: a CHECK
  // sees only the new row, never the old state (a trigger could, but the
  // seed's Layer 3 lists none). L4: a stored 'pending' is a legal state on
  // its own; only the warehouse (source of truth) says it already shipped.
  'illegal-transition': { example: 'shipped -> pending', caughtBy: ['stateTransitions', 'sourceOfTruth'] },
  // Every per-request check passes: two concurrent read-modify-writes each
  // see a consistent state and each commit is valid alone (a lost update),
  // or line items and the total are written by different transactions.
  // L3 cannot: a CHECK may not read other rows ([PG-CONSTRAINTS]). Only a
  // consistency query over the set of rows (L4) sees sum(lines) != total.
  'cross-record': { example: 'sum of line items != order total after concurrent edits', caughtBy: ['crossRecord'] },
  // A bug writes a plausible value of the right type, in range, referring
  // to existing rows: no rule anywhere can tell it from a correct one. Only a
  // comparison with the system that owns the fact finds it, else never.
  'silent-corruption': { example: 'amount 100.00 stored as 10.00 by a rounding bug', caughtBy: ['sourceOfTruth'] },
};

export const DEFECT_KINDS = Object.keys(DEFECT_CATALOGUE) as readonly DefectKind[];
