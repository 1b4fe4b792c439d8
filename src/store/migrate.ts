/** Versioned migrations, applied in name order inside the migrator's own transaction. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-engine-objects.ts';
import * as m0003 from './migrations/0003-lifecycle.ts';
import * as m0004 from './migrations/0004-kifdom-tokens.ts';
import * as m0005 from './migrations/0005-freenom-idempotency.ts';
import * as m0006 from './migrations/0006-dns-change-indexes.ts';
import * as m0007 from './migrations/0007-wedos.ts';
import * as m0008 from './migrations/0008-registration-path.ts';
import * as m0009 from './migrations/0009-dns-journal.ts';
import * as m0010 from './migrations/0010-transfer-name-servers.ts';
import * as m0011 from './migrations/0011-registration-autocommit.ts';
import * as m0012 from './migrations/0012-login-failures.ts';
import * as m0014 from './migrations/0014-dns-changes.ts';
import * as m0015 from './migrations/0015-domain-dnssec.ts';
import * as m0016 from './migrations/0016-reseller-holds-whois-lookups.ts';
import * as m0017 from './migrations/0017-dns-record-comments.ts';
import * as m0018 from './migrations/0018-credential-changes.ts';
import * as m0019 from './migrations/0019-auctions.ts';
import * as m0020 from './migrations/0020-marketplace.ts';
import * as m0022 from './migrations/0022-forwarding-outbox-delivery.ts';
import * as m0023 from './migrations/0023-dns-zone-totals.ts';
import * as m0025 from './migrations/0025-register-domain-auctions-charge-last.ts';
import * as m0026 from './migrations/0026-account-domain-counts.ts';
import * as m0027 from './migrations/0027-register-domains-batch.ts';
import * as m0028 from './migrations/0028-register-domains-requests.ts';
import * as m0029 from './migrations/0029-register-domains-prune-asked.ts';
import * as m0030 from './migrations/0030-register-domain-subtransaction-when-charging.ts';
import * as m0031 from './migrations/0031-register-domains-rows-at-once.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-engine-objects': m0002,
  '0003-lifecycle': m0003,
  '0004-kifdom-tokens': m0004,
  '0005-freenom-idempotency': m0005,
  '0006-dns-change-indexes': m0006,
  '0007-wedos': m0007,
  '0008-registration-path': m0008,
  '0009-dns-journal': m0009,
  '0010-transfer-name-servers': m0010,
  '0011-registration-autocommit': m0011,
  '0012-login-failures': m0012,
  '0014-dns-changes': m0014,
  '0015-domain-dnssec': m0015,
  '0016-reseller-holds-whois-lookups': m0016,
  '0017-dns-record-comments': m0017,
  '0018-credential-changes': m0018,
  '0019-auctions': m0019,
  '0020-marketplace': m0020,
  '0022-forwarding-outbox-delivery': m0022,
  '0023-dns-zone-totals': m0023,
  '0025-register-domain-auctions-charge-last': m0025,
  '0026-account-domain-counts': m0026,
  '0027-register-domains-batch': m0027,
  '0028-register-domains-requests': m0028,
  '0029-register-domains-prune-asked': m0029,
  '0030-register-domain-subtransaction-when-charging': m0030,
  '0031-register-domains-rows-at-once': m0031,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/**
 * Every migration of this build is recorded as applied (and nothing else is):
 * the database is current, and the migrator, whose table introspection is
 * most of a command's database time on the embedded store (80–120 ms on an
 * existing data directory), need not run. Two catalog-free reads; anything
 * else (a fresh database, a missing or newer migration) goes to the migrator.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator is schema-agnostic
async function isCurrent(db: Kysely<any>, schema: string | undefined): Promise<boolean> {
  const table = `${schema ? `"${schema.replaceAll('"', '""')}".` : ''}kysely_migration`;
  const present = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(db);
  if (!present.rows[0]?.present) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.raw(table)}`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return names.size === Object.keys(MIGRATIONS).length && Object.keys(MIGRATIONS).every((n) => names.has(n));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator is schema-agnostic
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<readonly string[]> {
  if (await isCurrent(db, schema)) return [];
  // With a schema, the bookkeeping tables live in it too (Kysely otherwise
  // finds another schema's kysely_migration table and skips creating its own).
  const migrator = new Migrator({ db, provider: new StaticProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt < 3 && isIntrospectionRace(error)) continue;
    throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Kysely's migrator looks for its own tables by introspecting every table of
 * every schema, calling pg_get_serial_sequence on each column; on a shared
 * PostgreSQL, a schema another session drops meanwhile makes that query fail
 * (seen in CI: "column … of relation transfers does not exist", from a
 * parallel worker, while other test files dropped their schemas). It fails
 * before any migration runs (outside the migration's transaction and lock),
 * so it is asked again.
 */
function isIntrospectionRace(error: unknown): boolean {
  return (error as { routine?: unknown } | null)?.routine === 'pg_get_serial_sequence';
}
