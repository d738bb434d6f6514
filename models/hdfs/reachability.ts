/**
 * What a caller meets when it calls a NameNode, pure: a function of the
 * NameNode's host and process as they are now.
 * - unreachable: host down or cut off from the caller: the connect times out.
 * - refused: the host answers but nothing listens (process exited or still starting): ConnectException at once.
 * - frozen: the kernel accepts the connection but the process is paused (GC): no reply until it resumes.
 * - active / standby: the process answers (a standby with StandbyException).
 */
export type Reach = 'unreachable' | 'refused' | 'frozen' | 'active' | 'standby';

export interface NameNodeView {
  readonly hostUp: boolean;
  /** Cut off from every other host (its own host's ZKFC still reaches it). */
  readonly isolated: boolean;
  readonly processUp: boolean;
  readonly paused: boolean;
  readonly haState: 'active' | 'standby';
}

export function reach(v: NameNodeView, sameHost: boolean): Reach {
  if (!v.hostUp || (v.isolated && !sameHost)) return 'unreachable';
  if (!v.processUp) return 'refused';
  if (v.paused) return 'frozen';
  return v.haState;
}
