import type { Simulation } from '../../src/kernel/simulation.js';
import { AofPersistence } from './aof.js';
import type { Keyspace, StoredValue } from './keyspace.js';
import { DEFAULT_SAVE_POINTS, type RedisOptions } from './options.js';
import type { Persistence } from './persistence-types.js';
import { RdbPersistence } from './rdb.js';

export type { Persistence } from './persistence-types.js';

/** No save points, no AOF: a restart always starts empty. */
class NoPersistence implements Persistence {
  private static readonly EMPTY: ReadonlyMap<string, StoredValue> = new Map();
  changed(): void {}
  everySecond(): void {}
  crash(): void {}
  shutdown(): void {}
  started(): void {}
  onDisk(): ReadonlyMap<string, StoredValue> { return NoPersistence.EMPTY; }
}

export function createPersistence(sim: Simulation, source: string, db: Keyspace, options: RedisOptions): Persistence {
  switch (options.persistence) {
    case 'none': return new NoPersistence();
    case 'rdb': return new RdbPersistence(sim, source, db, options.rdbSavePoints ?? DEFAULT_SAVE_POINTS);
    case 'aof-everysec': return new AofPersistence('everysec');
    case 'aof-always': return new AofPersistence('always');
  }
}
