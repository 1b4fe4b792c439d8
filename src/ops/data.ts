/**
 * Export and import of the whole database. The handlers move the dump as a
 * JSON value; reading and writing files is the CLI's part (so an export
 * through a running server lands on the caller's machine).
 */
import { exportDump, importDump, type DataDump, type ImportSummary } from '../store/dump/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, type Options } from './command.ts';
import { MissingParameter } from '../core/errors/index.ts';

export const exportData = defineCommand({
  name: 'export',
  async run(services: Services): Promise<DataDump> {
    return exportDump(services.store.db, { exportedAt: services.engine.clock.now() });
  },
  render(d: DataDump) {
    return JSON.stringify(d, null, 2);
  },
});

export const importData = defineCommand({
  name: 'import',
  async run(services: Services, o: Options): Promise<ImportSummary> {
    if (o.dump === undefined || o.dump === null) throw new MissingParameter('dump');
    const summary = await importDump(services.store.db, o.dump);
    // Written past the flow runner: tell this process's DNS publisher.
    services.engine.commits.notify();
    // The dump carries the sandbox clock's offset; apply it to this process now.
    await services.clockSync.refresh();
    return summary;
  },
  render(s: ImportSummary) {
    return `Imported ${s.rows} rows into ${s.tables} tables and restored ${s.sequences} sequences.`;
  },
});

export function dumpSummary(d: DataDump): { tables: number; rows: number; sequences: number } {
  return { tables: d.tables.length, rows: d.tables.reduce((n, t) => n + t.rows.length, 0), sequences: d.sequences.length };
}

/** The export as text: readable structure, one line per row (a large database stays a diffable file). */
export function formatDump(d: DataDump): string {
  const tables = d.tables.map((t) => {
    const rows = t.rows.map((r) => `        ${JSON.stringify(r)}`).join(',\n');
    return [
      `    {`,
      `      "name": ${JSON.stringify(t.name)},`,
      `      "columns": ${JSON.stringify(t.columns)},`,
      t.rows.length === 0 ? `      "rows": []` : `      "rows": [\n${rows}\n      ]`,
      `    }`,
    ].join('\n');
  });
  const sequences = d.sequences.map((s) => `    ${JSON.stringify(s)}`);
  return [
    '{',
    `  "format": ${JSON.stringify(d.format)},`,
    `  "version": ${JSON.stringify(d.version)},`,
    `  "exportedAt": ${JSON.stringify(d.exportedAt)},`,
    `  "migrations": ${JSON.stringify(d.migrations)},`,
    `  "tables": [${tables.length ? `\n${tables.join(',\n')}\n  ` : ''}],`,
    `  "sequences": [${sequences.length ? `\n${sequences.join(',\n')}\n  ` : ''}]`,
    '}',
  ].join('\n');
}
