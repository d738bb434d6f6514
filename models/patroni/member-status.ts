/** What a member's REST API (GET /patroni) reports during a leader race. */
export interface MemberStatus {
  readonly name: string;
  /** False when Postgres runs as a primary ("not in recovery"). */
  readonly inRecovery: boolean;
  /** Received WAL position in bytes. */
  readonly walPosition: number;
  readonly timeline: number;
}
