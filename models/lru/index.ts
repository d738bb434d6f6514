/** A byte-bounded LRU with the seed 003 snippet's accounting drift as switches. */
export { ByteLru, type PutResult } from './byte-lru.js';
export { DEFAULT_BYTE_LRU, SEED_003_LRU_DRIFT, checkByteLruOptions, type ByteLruOptions } from './lru-options.js';
