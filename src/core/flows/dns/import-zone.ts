/**
 * `regd dns import`: read an RFC 1035 master file into a hosted zone,
 * replacing its records (or, with `append`, adding to them), published at
 * once. SOA and apex NS records are skipped and reported: regd generates
 * them. A line it cannot read fails the whole import with its line number.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DomainNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { parseZoneFile, type SkippedZoneEntry } from '../../dns/zone-file.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { zoneView } from './record-rows.ts';
import { writeZoneRecords } from './zone-write.ts';
import { zoneDefaultTtl, zoneStatus, type ZoneRecordsResult } from './zone-result.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED', 'INVALID_VALUE', 'ZONE_FILE_INVALID', 'CNAME_CONFLICT', 'DNS_RECORD_EXISTS', 'DNS_ZONE_LIMIT_EXCEEDED',
] as const satisfies readonly ErrorCode[];

/** A master file larger than this (in characters) is refused before parsing. */
export const MAX_ZONE_FILE_LENGTH = 1_000_000;

export interface ImportZoneInput {
  /** The holder; an operator may leave it out to act for whoever holds the domain. */
  readonly accountId?: number;
  readonly name: string;
  /** The master file's text. Its initial $ORIGIN is the domain. */
  readonly text: string;
  readonly append?: boolean;
}

export interface ImportZoneResult extends ZoneRecordsResult {
  readonly skipped: readonly SkippedZoneEntry[];
}

export async function importZone(ctx: FlowContext, input: ImportZoneInput): Promise<ImportZoneResult> {
  const accountId = await importingAccountId(ctx, input);
  await loadActiveAccount(ctx, accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'change');
  if (typeof input.text !== 'string') throw new InvalidValue('zone', 'the text of a zone file is required', input.text);
  if (input.text.length > MAX_ZONE_FILE_LENGTH) throw new InvalidValue('zone', `a zone file may have at most ${MAX_ZONE_FILE_LENGTH} characters`);
  const parsed = parseZoneFile(input.text, { apex: hosted.apex, defaultTtl: zoneDefaultTtl(hosted) });
  const { zone, models } = await writeZoneRecords(ctx, hosted, parsed.records, input.append === true);
  return { ...zoneStatus(hosted, zone), records: zoneView(models, 'published'), skipped: parsed.skipped };
}

/** The acting account, or for an operator who names none, the domain's holder (a name nobody holds is DomainNotFound). */
async function importingAccountId(ctx: FlowContext, input: ImportZoneInput): Promise<number> {
  if (input.accountId !== undefined || ctx.actor.kind === 'account') return actingAccountId(ctx, input.accountId);
  const name = parseDomainName(input.name, ctx.policy);
  const row = await loadLiveRow(ctx, name.ascii, false);
  if (!row) throw new DomainNotFound(name.ascii);
  return row.account_id;
}
