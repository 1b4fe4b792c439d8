/** Reads the whole database into a DataDump, from one consistent snapshot. */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.ts';
import {
  appliedMigrations, DUMP_FORMAT, DUMP_VERSION, listSequences, listTablesInDependencyOrder, NATIVE_TYPES,
  type DataDump, type DumpSequence, type DumpTable, type TableInfo,
} from './dump-format.ts';

export async function exportDump(db: Db, options: { exportedAt: Date }): Promise<DataDump> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    // Text forms of timestamps carry the session's zone; fix it so dumps compare equal anywhere.
    await sql`set local timezone = 'UTC'`.execute(trx);
    const tables: DumpTable[] = [];
    for (const info of await listTablesInDependencyOrder(trx)) tables.push(await exportTable(trx, info));
    const sequences: DumpSequence[] = [];
    for (const name of await listSequences(trx)) {
      const r = await sql<{ last_value: number | string; is_called: boolean }>`select last_value, is_called from ${sql.table(name)}`.execute(trx);
      const row = r.rows[0]!;
      sequences.push({ name, lastValue: Number(row.last_value), isCalled: row.is_called });
    }
    return {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      exportedAt: options.exportedAt.toISOString(),
      migrations: await appliedMigrations(trx),
      tables,
      sequences,
    };
  });
}

async function exportTable(db: Db, info: TableInfo): Promise<DumpTable> {
  const select: RawBuilder<unknown>[] = info.columns.map((c) =>
    NATIVE_TYPES.has(c.dataType) ? sql`${sql.ref(c.name)}` : sql`${sql.ref(c.name)}::text as ${sql.ref(c.name)}`,
  );
  const order = info.primaryKey.length > 0 ? sql.join(info.primaryKey.map((k) => sql.ref(k))) : sql`1`;
  const r = await sql<Record<string, unknown>>`select ${sql.join(select)} from ${sql.table(info.name)} order by ${order}`.execute(db);
  const columns = info.columns.map((c) => c.name);
  return { name: info.name, columns, rows: r.rows.map((row) => columns.map((c) => row[c] ?? null)) };
}
