/**
 * Loads a DataDump into an empty database with the same migrations, in one
 * transaction: tables in foreign-key order with their original ids, then
 * every sequence set to where it stood, so new rows continue the numbering.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import {
  appliedMigrations, DUMP_FORMAT, DUMP_VERSION, DumpError, JSON_TYPES, listSequences, listTablesInDependencyOrder,
  type DataDump, type DumpTable, type TableInfo,
} from './dump-format.ts';

export interface ImportSummary {
  readonly tables: number;
  readonly rows: number;
  readonly sequences: number;
}

/** Parameters per INSERT stay well below PostgreSQL's 65535 limit. */
const MAX_PARAMS_PER_INSERT = 20_000;

export async function importDump(db: Db, input: unknown): Promise<ImportSummary> {
  const dump = validateShape(input);
  return db.transaction().execute(async (trx) => {
    const migrations = await appliedMigrations(trx);
    if (migrations.join(',') !== dump.migrations.join(',')) {
      throw new DumpError('SCHEMA_MISMATCH', `the export was made with migrations [${dump.migrations.join(', ')}], this database has [${migrations.join(', ')}]`);
    }
    const tables = await listTablesInDependencyOrder(trx);
    for (const t of tables) {
      const r = await sql<{ one: number }>`select 1 as one from ${sql.table(t.name)} limit 1`.execute(trx);
      if (r.rows.length > 0) throw new DumpError('DATABASE_NOT_EMPTY', `the database is not empty (table ${t.name} has rows); import needs a fresh data directory or database`);
    }
    const byName = new Map(dump.tables.map((t) => [t.name, t]));
    const known = new Set(tables.map((t) => t.name));
    const unknown = dump.tables.find((t) => !known.has(t.name));
    if (unknown) throw new DumpError('SCHEMA_MISMATCH', `the export has a table ${unknown.name} this database does not have`);
    let rows = 0;
    for (const info of tables) {
      const table = byName.get(info.name);
      if (table) rows += await importTable(trx, info, table);
    }
    const sequences = new Set(await listSequences(trx));
    for (const s of dump.sequences) {
      if (!sequences.has(s.name)) throw new DumpError('SCHEMA_MISMATCH', `the export has a sequence ${s.name} this database does not have`);
      await sql`select setval(quote_ident(${s.name})::regclass, ${s.lastValue}, ${s.isCalled})`.execute(trx);
    }
    return { tables: dump.tables.length, rows, sequences: dump.sequences.length };
  });
}

async function importTable(db: Db, info: TableInfo, table: DumpTable): Promise<number> {
  const types = new Map(info.columns.map((c) => [c.name, c.dataType]));
  for (const c of table.columns) {
    if (!types.has(c)) throw new DumpError('SCHEMA_MISMATCH', `the export has a column ${table.name}.${c} this database does not have`);
  }
  if (table.rows.length === 0 || table.columns.length === 0) return 0;
  const isJson = table.columns.map((c) => JSON_TYPES.has(types.get(c)!));
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS_PER_INSERT / table.columns.length));
  for (let i = 0; i < table.rows.length; i += perInsert) {
    const chunk = table.rows.slice(i, i + perInsert);
    const values = chunk.map((row, r) => {
      if (!Array.isArray(row) || row.length !== table.columns.length) {
        throw new DumpError('INVALID_EXPORT', `table ${table.name}, row ${i + r + 1}: ${table.columns.length} values expected`);
      }
      return sql`(${sql.join(row.map((v, c) => (v !== null && isJson[c] ? JSON.stringify(v) : v)))})`;
    });
    await sql`insert into ${sql.table(table.name)} (${sql.join(table.columns.map((c) => sql.ref(c)))}) overriding system value values ${sql.join(values)}`.execute(db);
  }
  return table.rows.length;
}

function validateShape(input: unknown): DataDump {
  const d = input as Partial<DataDump> | null;
  if (d === null || typeof d !== 'object' || d.format !== DUMP_FORMAT) throw new DumpError('INVALID_EXPORT', 'not a regd export (format "regd-export" expected)');
  if (d.version !== DUMP_VERSION) throw new DumpError('INVALID_EXPORT', `unsupported export version ${String(d.version)} (expected ${DUMP_VERSION})`);
  const ok =
    Array.isArray(d.migrations) && d.migrations.every((m: unknown) => typeof m === 'string') &&
    Array.isArray(d.tables) && d.tables.every((t) => t && typeof t.name === 'string' && Array.isArray(t.columns) && t.columns.every((c: unknown) => typeof c === 'string') && Array.isArray(t.rows)) &&
    Array.isArray(d.sequences) && d.sequences.every((s) => s && typeof s.name === 'string' && Number.isSafeInteger(s.lastValue) && typeof s.isCalled === 'boolean');
  if (!ok) throw new DumpError('INVALID_EXPORT', 'the export is damaged: migrations, tables or sequences are malformed');
  return d as DataDump;
}
