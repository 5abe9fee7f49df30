export { maxOrderBytes, orderStateBytes, parseStoredPayload, toStoredPayload } from './payload';
export { isTransient, withRetries } from './retry';
export { createStore, type Store, type StoreConfig } from './store';
export { createTableInput, ensureTable, type GlobalIndexName, tableKeys } from './table';
