/**
 * Loading a hosted zone for a flow: the acting account's domain (another
 * account's is "not found"), on regd's own name servers, in a state that
 * allows the access; the dns_zones row locked for the rest of the
 * transaction. A zone whose auto-commit deadline has passed is committed
 * first, so every flow sees the zone the sweeper would have left.
 */
import type { DnsRecordRow, DnsZoneRow, DomainRow } from '../../../store/index.ts';
import type { FlowContext } from '../../context.ts';
import { DnsNotHosted, DnsRecordNotFound, DomainNotFound, InvalidValue } from '../../errors/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { commitStagedChanges, isCommitDue, loadZoneRow } from './zone-publish.ts';

export interface HostedZone {
  readonly domain: DomainRow;
  /** The zone apex: the domain's lower-case A-label name. */
  readonly apex: string;
  /** Absent until the zone's first change. */
  readonly zone: DnsZoneRow | undefined;
}

/** Reading works in every state the domain is still held in; changes need an active or expired domain. */
export type ZoneAccess = 'read' | 'change';

export async function loadHostedZone(
  ctx: FlowContext,
  accountId: number,
  name: string,
  access: ZoneAccess,
  options: { readonly settleDueCommit?: boolean } = {},
): Promise<HostedZone> {
  const owned = await loadOwnedDomain(ctx, accountId, name);
  if (access === 'change') verifyStateIn(owned, CHANGEABLE_STATES, 'changing DNS records');
  const domain = owned.row;
  if (domain.service_mode !== 'regd_dns') throw new DnsNotHosted(domain.name, domain.service_mode);
  let zone = await loadZoneRow(ctx, domain.id);
  if (zone && options.settleDueCommit !== false && isCommitDue(zone, ctx.now)) zone = (await commitStagedChanges(ctx, zone)).zone;
  return { domain, apex: domain.name, zone };
}

export interface RecordRef {
  /** The domain; when absent the record id alone finds it among the account's domains. */
  readonly name?: string;
  readonly recordId: number;
}

/** A record of the acting account's hosted zone, locked. Another account's record id is DnsRecordNotFound. */
export async function loadZoneRecord(
  ctx: FlowContext,
  accountId: number,
  ref: RecordRef,
  access: ZoneAccess,
): Promise<{ hosted: HostedZone; row: DnsRecordRow }> {
  const id = recordIdOf(ref.recordId);
  let hosted: HostedZone;
  if (ref.name !== undefined) {
    hosted = await loadHostedZone(ctx, accountId, ref.name, access);
  } else {
    const owner = await ctx.db
      .selectFrom('dns_records')
      .innerJoin('domains', 'domains.id', 'dns_records.domain_id')
      .select('domains.name')
      .where('dns_records.id', '=', id)
      .where('domains.account_id', '=', accountId)
      .where('domains.released_at', 'is', null)
      .executeTakeFirst();
    if (!owner) throw new DnsRecordNotFound(id);
    try {
      hosted = await loadHostedZone(ctx, accountId, owner.name, access);
    } catch (e) {
      // The record's domain has lapsed since: the record is no longer the account's.
      if (e instanceof DomainNotFound) throw new DnsRecordNotFound(id);
      throw e;
    }
  }
  const row = await ctx.db.selectFrom('dns_records').selectAll().where('id', '=', id).where('domain_id', '=', hosted.domain.id).forUpdate().executeTakeFirst();
  if (!row) throw new DnsRecordNotFound(id);
  return { hosted, row };
}

function recordIdOf(input: unknown): number {
  if (typeof input !== 'number') throw new InvalidValue('record_id', 'a numeric record id is required', input);
  if (!Number.isSafeInteger(input) || input < 1) throw new DnsRecordNotFound(input);
  return input;
}
