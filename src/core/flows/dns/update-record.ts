/**
 * Replace one record's values (type, name, data, TTL), keeping its id.
 * Immediate by default: the new values are published at once and any
 * change pending on this record is superseded. With `staged` the new values
 * wait for a commit (a pending addition simply takes them); a record already
 * staged for deletion is gone from the zone being edited.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DnsRecordNotFound, type ErrorCode } from '../../errors/index.ts';
import { validateDnsRecord, type DnsRecordInput } from '../../dns/record-types.ts';
import { loadZoneRecord } from './hosted-zone.ts';
import { loadOwnerRows, modelOf, recordColumns, stagedJson, verifyZoneAfter, viewOf, type RecordModel } from './record-rows.ts';
import { ensureZone, publishZone, scheduleAutoCommit } from './zone-publish.ts';
import { zoneDefaultTtl, zoneStatus, type RecordChangeResult } from './zone-result.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED', 'DNS_RECORD_NOT_FOUND', 'INVALID_VALUE', 'INVALID_RECORD_TYPE', 'INVALID_RECORD_NAME',
  'INVALID_RECORD_VALUE', 'INVALID_RECORD_TTL', 'CNAME_CONFLICT', 'DNS_RECORD_EXISTS', 'DNS_ZONE_LIMIT_EXCEEDED',
] as const satisfies readonly ErrorCode[];

export interface UpdateRecordInput {
  readonly accountId?: number;
  /** The domain; optional, the record id alone identifies the record. */
  readonly name?: string;
  readonly recordId: number;
  readonly record: DnsRecordInput;
  readonly staged?: boolean;
}

export async function updateRecord(ctx: FlowContext, input: UpdateRecordInput): Promise<RecordChangeResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const { hosted, row } = await loadZoneRecord(ctx, accountId, input, 'change');
  const data = validateDnsRecord(input.record, { apex: hosted.apex, defaultTtl: zoneDefaultTtl(hosted) });
  const staged = input.staged === true;
  if (staged && row.state === 'staged_delete') throw new DnsRecordNotFound(row.id);
  const before = modelOf(row);
  const next: RecordModel = !staged
    ? { id: row.id, state: 'live', current: data, staged: null }
    : row.state === 'staged_add'
      ? { ...before, current: data }
      : { ...before, state: 'staged_update', staged: data };
  const owners = [before.current.name, ...(before.staged ? [before.staged.name] : []), data.name];
  const models = (await loadOwnerRows(ctx, hosted.domain.id, owners)).map(modelOf);
  verifyZoneAfter(models.map((m) => (m.id === row.id ? next : m)));

  const updated = await ctx.db
    .updateTable('dns_records')
    .set({
      ...recordColumns(next.current),
      state: next.state,
      staged: next.staged ? stagedJson(next.staged) : null,
      updated_at: ctx.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const zone = await ensureZone(ctx, hosted.domain, hosted.zone);
  // A staged update's new value counts against the zone's size now (its commit, maybe the sweeper's, is not refused later).
  const stagedBytes = next.staged ? Buffer.byteLength(next.staged.value) - Buffer.byteLength(next.current.value) : 0;
  const after = staged ? await scheduleAutoCommit(ctx, zone, stagedBytes) : await publishZone(ctx, zone);
  return { ...zoneStatus(hosted, after), record: viewOf(modelOf(updated), 'pending') };
}
