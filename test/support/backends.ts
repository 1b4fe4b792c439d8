/**
 * Same suite, every backend, no DB mocks. BACKENDS is `pglite`, plus
 * `postgres` when DATABASE_URL is set (CI sets it). REGD_TEST_BACKENDS
 * narrows the list ("pglite" or "postgres").
 *
 * A PostgreSQL test store lives in its own schema, dropped on close, so test
 * files run in parallel against one server without seeing each other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.ts';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { FakeClock } from '../../src/core/clock.ts';
import { loadPolicyBook, type PolicyBook } from '../../src/core/policy/index.ts';

export type Backend = 'pglite' | 'postgres';

export const BACKENDS: readonly Backend[] = (() => {
  const all: Backend[] = ['pglite'];
  if (process.env.DATABASE_URL) all.push('postgres');
  const only = process.env.REGD_TEST_BACKENDS?.split(',').map((s) => s.trim());
  return only ? all.filter((b) => only.includes(b)) : all;
})();

export async function openTestStore(backend: Backend): Promise<Store> {
  // The template is migrated (its file name hashes the migrations): no migration check at open (~0.6 s a file).
  if (backend === 'pglite') return openStore({ loadDataDir: await migratedTemplate(), migrate: false });
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: url, schema, poolSize: 20 });
  return {
    ...store,
    async close() {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

let sharedPolicy: PolicyBook | undefined;
export function testPolicy(): PolicyBook {
  return (sharedPolicy ??= loadPolicyBook());
}

export interface TestEngine extends Engine {
  readonly clock: FakeClock;
}

export async function openTestEngine(backend: Backend, options: { policy?: PolicyBook; start?: string } = {}): Promise<TestEngine> {
  const store = await openTestStore(backend);
  const clock = new FakeClock(options.start ?? '2026-01-15T10:00:00Z');
  return createEngine({ store, clock, policy: options.policy ?? testPolicy() }) as TestEngine;
}

/**
 * A freshly migrated in-memory PGlite, as a data-directory tarball: starting
 * from it takes about 0.5 s where creating a cluster and migrating it takes
 * 2.5–3.5 s, in every test file. Kept in the system's temporary directory
 * under a hash of the migrations' source and the PGlite version, so a
 * changed migration makes a new one; written atomically (parallel test
 * processes may race to make it).
 */
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  return (template ??= (async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const migrations = join(root, 'src/store/migrations');
    const hash = createHash('sha256');
    for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(join(migrations, f)));
    hash.update(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json')));
    const file = join(tmpdir(), `regd-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const store = await openStore({});
    try {
      const blob = await store.dumpDataDir!();
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
      renameSync(part, file);
      return blob;
    } finally {
      await store.close();
    }
  })());
}
