export { exportDump } from './export-dump.ts';
export { importDump, type ImportSummary } from './import-dump.ts';
export { DumpError, DUMP_FORMAT, DUMP_VERSION, type DataDump, type DumpTable, type DumpSequence } from './dump-format.ts';
