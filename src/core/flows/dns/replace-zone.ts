/**
 * Set a hosted zone's records in one step (Dynadot set_dns2): replace every
 * record, or with `append` (add_dns_to_current_setting) add to them. Atomic:
 * every record is validated and the resulting zone checked (CNAME rules,
 * duplicates) before anything is written. Published at once.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { validateDnsRecord, type DnsRecordInput } from '../../dns/record-types.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { zoneView } from './record-rows.ts';
import { writeZoneRecords } from './zone-write.ts';
import { zoneDefaultTtl, zoneStatus, type ZoneRecordsResult } from './zone-result.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED', 'INVALID_VALUE', 'INVALID_RECORD_TYPE', 'INVALID_RECORD_NAME', 'INVALID_RECORD_VALUE',
  'INVALID_RECORD_TTL', 'CNAME_CONFLICT', 'DNS_RECORD_EXISTS', 'DNS_ZONE_LIMIT_EXCEEDED',
] as const satisfies readonly ErrorCode[];

export interface ReplaceZoneInput {
  readonly accountId?: number;
  readonly name: string;
  readonly records: readonly DnsRecordInput[];
  readonly append?: boolean;
}

export async function replaceZone(ctx: FlowContext, input: ReplaceZoneInput): Promise<ZoneRecordsResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'change');
  if (!Array.isArray(input.records)) throw new InvalidValue('records', 'a list of records is required', input.records);
  const defaultTtl = zoneDefaultTtl(hosted);
  const records = input.records.map((r, i) => validateDnsRecord(r, { apex: hosted.apex, defaultTtl, param: `records[${i}]` }));
  const { zone, models } = await writeZoneRecords(ctx, hosted, records, input.append === true);
  return { ...zoneStatus(hosted, zone), records: zoneView(models, 'published') };
}
