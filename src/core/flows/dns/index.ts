// DNS flows: hosted zones and records. One file per use case; add a line per new flow file.
export { AUTO_COMMIT_DELAY_MS } from './zone-publish.ts';
export type { DnsRecordView, ZoneViewKind } from './record-rows.ts';
export type { ZoneStatus, ZoneRecordsResult, RecordChangeResult } from './zone-result.ts';
export { listRecords, type ListRecordsInput } from './list-records.ts';
export { getRecord, type GetRecordInput } from './get-record.ts';
export { listRecordNotes, type ListRecordNotesInput, type DnsRecordNote } from './record-notes.ts';
export { addRecord, type AddRecordInput } from './add-record.ts';
export { updateRecord, type UpdateRecordInput } from './update-record.ts';
export { deleteRecord, type DeleteRecordInput, type DeleteRecordResult } from './delete-record.ts';
export { commitZone, type CommitZoneInput, type CommitZoneResult } from './commit-zone.ts';
export { replaceZone, type ReplaceZoneInput } from './replace-zone.ts';
export { importZone, MAX_ZONE_FILE_LENGTH, type ImportZoneInput, type ImportZoneResult } from './import-zone.ts';
export { exportZone, type ExportZoneInput, type ExportZoneResult, type SoaSettings } from './export-zone.ts';
export { commitDueZones, type CommitDueZonesInput, type CommitDueZonesResult, type CommittedZone } from './commit-due-zones.ts';
export { zoneSerial, publishedRecords } from './published-zone.ts';
