/** Locks on a shared directory: fs2's flock (released when the holder dies) and the lock-file variant (left behind by a crash). */
export { type DirLock } from './dir-lock.js';
export { Flock } from './flock.js';
export { LockFile, DEFAULT_LOCK_FILE, type LockFileOptions } from './lock-file.js';
export { lockFileVerdict, type LockFileState, type LockFileVerdict } from './lock-file-rule.js';
export type { LockFileEvents, LockFileRecord } from './lock-events.js';
