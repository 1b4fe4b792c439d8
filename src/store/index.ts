export { openStore, pingStore, type Db, type Store, type StoreKind, type StoreOptions } from './database.ts';
export { migrateToLatest } from './migrate.ts';
export type * from './schema.ts';
export { withExclusiveLock, type Locked, type LockOptions } from './exclusive-lock.ts';
export { maintainTables, startTableMaintenance, MAINTENANCE_INTERVAL_MS, type Maintained } from './pglite-maintenance.ts';
