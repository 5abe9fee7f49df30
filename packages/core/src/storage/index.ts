export { backfillFindKeys, type FindKeysBackfillReport } from './backfill-find-keys';
export { type KeyCasingMigrationReport, migrateKeyCasing, rekeyedEntities } from './migrate-key-casing';
export { maxOrderBytes, orderStateBytes, parseStoredPayload, toStoredPayload } from './payload';
export { type BackoffOptions, isTransient, withRetries } from './retry';
export { createStore, type Store, type StoreConfig } from './store';
export { createTableInput, ensureTable, type GlobalIndexName, tableKeys } from './table';
