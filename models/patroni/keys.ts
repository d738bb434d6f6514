/** Patroni's keys under /<namespace>/<scope>/ in the DCS. */
export const LEADER_KEY = '/service/shard-1/leader';
export const SYNC_KEY = '/service/shard-1/sync';
export const OPTIME_KEY = '/service/shard-1/optime/leader';
export const MEMBERS_PREFIX = '/service/shard-1/members/';
/** failsafe_mode: the members the leader last saw, which must all answer its POST /failsafe. */
export const FAILSAFE_KEY = '/service/shard-1/failsafe';

/** What the /sync key holds: the leader and the standby it may hand over to. */
export interface SyncState {
  readonly leader: string;
  readonly syncStandby: string | null;
}

export function parseSync(text: string | undefined): SyncState | null {
  return text === undefined ? null : (JSON.parse(text) as SyncState);
}
