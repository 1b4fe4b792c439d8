/**
 * The records of a hosted zone, in id order. By default the published view
 * (what the name servers serve: staged updates and deletions still show
 * their current values, staged additions are absent); with includeStaged,
 * the pending view (the zone as the next commit will publish it).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { loadZoneRows, modelOf, zoneView } from './record-rows.ts';
import { zoneStatus, type ZoneRecordsResult } from './zone-result.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DNS_NOT_HOSTED',
] as const satisfies readonly ErrorCode[];

export interface ListRecordsInput {
  readonly accountId?: number;
  readonly name: string;
  readonly includeStaged?: boolean;
}

export async function listRecords(ctx: FlowContext, input: ListRecordsInput): Promise<ZoneRecordsResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'read');
  const models = (await loadZoneRows(ctx, hosted.domain.id)).map(modelOf);
  return { ...zoneStatus(hosted), records: zoneView(models, input.includeStaged === true ? 'pending' : 'published') };
}
