/**
 * Remove one record. Immediate by default (gone from the name servers at
 * once; the serial moves unless the record was never published). With
 * `staged` a published record is marked for deletion until the commit, and
 * a staged addition is simply dropped.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DnsRecordNotFound, type ErrorCode } from '../../errors/index.ts';
import { loadZoneRecord } from './hosted-zone.ts';
import { ensureZone, publishZone, scheduleAutoCommit } from './zone-publish.ts';
import { zoneStatus, type ZoneStatus } from './zone-result.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED', 'INVALID_VALUE', 'DNS_RECORD_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface DeleteRecordInput {
  readonly accountId?: number;
  readonly name?: string;
  readonly recordId: number;
  readonly staged?: boolean;
}

export interface DeleteRecordResult extends ZoneStatus {
  readonly recordId: number;
}

export async function deleteRecord(ctx: FlowContext, input: DeleteRecordInput): Promise<DeleteRecordResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const { hosted, row } = await loadZoneRecord(ctx, accountId, input, 'change');
  const staged = input.staged === true;
  if (staged && row.state === 'staged_delete') throw new DnsRecordNotFound(row.id);

  let zone = await ensureZone(ctx, hosted.domain, hosted.zone);
  if (staged && row.state !== 'staged_add') {
    await ctx.db.updateTable('dns_records').set({ state: 'staged_delete', staged: null, updated_at: ctx.now }).where('id', '=', row.id).execute();
    zone = await scheduleAutoCommit(ctx, zone);
  } else {
    await ctx.db.deleteFrom('dns_records').where('id', '=', row.id).execute();
    if (row.state !== 'staged_add') zone = await publishZone(ctx, zone);
  }
  return { ...zoneStatus(hosted, zone), recordId: row.id };
}
