/**
 * Everything a regd process assembles from its configuration: the store,
 * the TLD policy, the clock (kept in step with the stored sandbox offset)
 * and the engine. The server, the CLI's command handlers and the tests all
 * take a Services.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import { createEngine, type Engine } from '../core/engine.ts';
import { loadPolicyBook, type PolicyBook } from '../core/policy/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { sweep } from '../jobs/index.ts';
import { ClockSync } from './clock-sync.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { restrictToOwner } from '../store/owner-only-fs.ts';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly policy: PolicyBook;
  readonly clockSync: ClockSync;
  readonly engine: Engine;
  /** Stops the clock sync and closes the store. */
  close(): Promise<void>;
}

export interface ServiceOverrides {
  /** An already opened store (tests isolate PostgreSQL schemas this way); closed with the services. */
  readonly store?: Store;
}

export async function openServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  // The policy first: a broken TLD file should fail before a database is opened.
  const policy = loadPolicyBook(config.tldsFile);
  let lock: DataDirLock | undefined;
  let store = overrides.store;
  if (!store) {
    if (config.databaseUrl === undefined) lock = lockDataDir(config.dataDir);
    try {
      protectDataDir(config.dataDir);
      store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl === undefined ? config.pgliteDir : undefined });
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  const clockSync = new ClockSync(store.db);
  try {
    await clockSync.load();
  } catch (e) {
    // An open store (and the data directory lock) would keep a failed CLI command from ever exiting.
    await store.close().catch(() => undefined);
    lock?.release();
    throw e;
  }
  const { maxRecordsPerZone, maxZoneBytes } = config.dns.options;
  const engine = createEngine({ store, clock: clockSync.clock, policy, credentials: { ttlMs: config.logins.cacheTtlMs }, dnsLimits: { maxRecordsPerZone, maxZoneBytes } });
  // A clock move (a clock command here or through the operator API, or another process's move a server notices) catches the lifecycle up at once.
  clockSync.onClockMoved(async () => {
    await sweep(engine, { wait: true });
  });
  const opened = store;
  let closing: Promise<void> | undefined;
  return {
    config,
    store: opened,
    policy,
    clockSync,
    engine,
    close() {
      closing ??= (async () => {
        await clockSync.stop();
        try {
          await opened.close();
        } finally {
          lock?.release();
        }
      })();
      return closing;
    },
  };
}

/**
 * The data directory and regd's files directly in it (operator.token,
 * server.json, pglite.lock) are made owner-only, repairing a directory made
 * by an older version; the embedded database under it is the store's part
 * (owner-only-fs.ts). Other entries are left as they are: the directory's own
 * mode 0700 already keeps everyone else out of them.
 */
function protectDataDir(dataDir: string): void {
  if (!restrictToOwner(dataDir, true)) return;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) restrictToOwner(join(dataDir, entry.name));
  }
}
