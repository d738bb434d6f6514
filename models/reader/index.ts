/** Seed 003's HDFS event-log reader: start-up from a persistent cache or a full scan, memory LRU, offline fallback, OOM, shared-directory lock. */
export { type HdfsSource, type HdfsReadResult } from './hdfs-source.js';
export { FakeHdfsSource, DEFAULT_FAKE_HDFS, FAKE_HDFS_FAULTS, type FakeHdfsOptions } from './fake-hdfs-source.js';
export { PersistentCache, PERSISTENT_CACHE_FAULTS, type EntryRead } from './persistent-cache.js';
export { ReaderService, type ReaderParts, type ReaderPhase } from './reader-service.js';
export { DEFAULT_READER, checkReaderOptions, logPath, type ReaderOptions } from './reader-options.js';
export { type ReaderAnswer, type ReaderAnswerKind, type ReaderErrorReason } from './reader-answer.js';
export { plannedStartup, scanSlotUs, loadSlotUs, type StartupInputs, type StartupPath } from './startup-plan.js';
export { ReaderStartup, type StartupHost } from './reader-startup.js';
export { startReaderQueries, DEFAULT_READER_QUERIES, type ReaderQueryOptions } from './reader-workload.js';
export { ZipfSampler } from './zipf.js';
export type { ReaderEvents, ReaderRecord } from './reader-events.js';
export { HdfsClientSource } from './hdfs-client-source.js';
