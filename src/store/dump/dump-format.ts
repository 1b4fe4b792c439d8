/**
 * The export file: every table of the current schema as JSON, in an order
 * that respects foreign keys, with the sequences' positions and the list of
 * applied migrations (an import needs the same schema).
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export const DUMP_FORMAT = 'regd-export';
export const DUMP_VERSION = 1;

export interface DumpTable {
  readonly name: string;
  readonly columns: readonly string[];
  /** One array per row, values in `columns` order, rows in primary-key order. */
  readonly rows: readonly (readonly unknown[])[];
}

export interface DumpSequence {
  readonly name: string;
  readonly lastValue: number;
  readonly isCalled: boolean;
}

export interface DataDump {
  readonly format: typeof DUMP_FORMAT;
  readonly version: typeof DUMP_VERSION;
  readonly exportedAt: string;
  readonly migrations: readonly string[];
  readonly tables: readonly DumpTable[];
  readonly sequences: readonly DumpSequence[];
}

/** A refused import or an unreadable dump: a user error, reported with its code and message. */
export class DumpError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'DumpError';
  }
}

export interface ColumnInfo {
  readonly name: string;
  readonly dataType: string;
}

export interface TableInfo {
  readonly name: string;
  /** Insertable columns (generated columns are left out), in table order. */
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
}

/** Types that JSON carries natively; every other type travels as PostgreSQL's own text form. */
export const NATIVE_TYPES: ReadonlySet<string> = new Set([
  'smallint', 'integer', 'bigint', 'boolean', 'text', 'character varying', 'character', 'json', 'jsonb',
]);
export const JSON_TYPES: ReadonlySet<string> = new Set(['json', 'jsonb']);

/**
 * The DNS and credentials change logs (migrations 0014, 0018) belong to the
 * database they were written in: their transaction ids mean nothing in
 * another, and the import's own inserts write them anew. Neither exported
 * nor imported. Nor is account_domain_counts (migration 0026), derived
 * from domains: the import's inserts of domains rebuild it through its
 * triggers (importing it too would count every domain twice).
 */
const LOCAL_TABLES: readonly string[] = ['dns_changes', 'dns_changes_pruned', 'credential_changes', 'credential_changes_pruned', 'account_domain_counts'];
const LOCAL_SEQUENCES: readonly string[] = ['dns_changes_seq_seq', 'credential_changes_seq_seq'];

/** The user tables of the current schema, parents before children. Kysely's bookkeeping and LOCAL_TABLES are left out. */
export async function listTablesInDependencyOrder(db: Db): Promise<readonly TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname not like 'kysely_migration%'
      and c.relname <> all(${LOCAL_TABLES})
    order by c.relname`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_generated: string }>`
    select table_name, column_name, data_type, is_generated from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    join lateral unnest(i.indkey) with ordinality as k(attnum, pos) on true
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema() order by c.relname, k.pos`.execute(db);
  const fks = await sql<{ child: string; parent: string }>`
    select cl.relname as child, pc.relname as parent
    from pg_constraint con join pg_class cl on cl.oid = con.conrelid join pg_class pc on pc.oid = con.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()`.execute(db);

  const infos = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    infos.set(name, {
      name,
      columns: columns.rows.filter((c) => c.table_name === name && c.is_generated !== 'ALWAYS').map((c) => ({ name: c.column_name, dataType: c.data_type })),
      primaryKey: keys.rows.filter((k) => k.table_name === name).map((k) => k.column_name),
    });
  }
  const parents = new Map<string, Set<string>>([...infos.keys()].map((t) => [t, new Set<string>()]));
  for (const { child, parent } of fks.rows) {
    // A self-reference (ledger release → hold) is satisfied by primary-key order.
    if (child !== parent && infos.has(parent)) parents.get(child)?.add(parent);
  }
  return topologicalOrder(parents).map((t) => infos.get(t)!);
}

function topologicalOrder(parents: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new DumpError('FOREIGN_KEY_CYCLE', `tables reference each other in a cycle through ${t}`);
    visiting.add(t);
    for (const p of [...(parents.get(t) ?? [])].sort()) visit(p);
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of [...parents.keys()].sort()) visit(t);
  return out;
}

export async function listSequences(db: Db): Promise<readonly string[]> {
  const r = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'S' and c.relname not like 'kysely_migration%'
      and c.relname <> all(${LOCAL_SEQUENCES}) order by c.relname`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function appliedMigrations(db: Db): Promise<readonly string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}
