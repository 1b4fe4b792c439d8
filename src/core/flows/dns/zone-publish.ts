/**
 * The dns_zones row: created on a zone's first change, its serial bumped
 * once per published change, its auto-commit deadline set by the first
 * staged change and cleared by the commit that publishes them.
 */
import type { DnsZoneRow, DomainRow } from '../../../store/index.ts';
import { minutes } from '../../clock.ts';
import { DEFAULT_DNS_ZONE_LIMITS, type FlowContext } from '../../context.ts';
import { DnsZoneLimitExceeded } from '../../errors/index.ts';
import { dateSerial, nextZoneSerial } from '../../dns/zone-serial.ts';
import { modelOf, recordColumns } from './record-rows.ts';

/**
 * Staged changes (WEDOS dns-row-* without dns-domain-commit) publish
 * themselves this long after the first one, as WEDOS does.
 */
export const AUTO_COMMIT_DELAY_MS = minutes(5);

/**
 * The serial of a zone that has never changed: the domain's creation date,
 * YYYYMMDD00. Stable, so reading it changes nothing, and every later
 * published change moves past it.
 */
export function baseSerial(domain: Pick<DomainRow, 'created_at'>): number {
  return dateSerial(domain.created_at);
}

export async function loadZoneRow(ctx: FlowContext, domainId: number): Promise<DnsZoneRow | undefined> {
  return ctx.db.selectFrom('dns_zones').selectAll().where('domain_id', '=', domainId).forUpdate().executeTakeFirst();
}

export function isCommitDue(zone: Pick<DnsZoneRow, 'auto_commit_at'>, now: Date): boolean {
  return zone.auto_commit_at !== null && zone.auto_commit_at.getTime() <= now.getTime();
}

export async function ensureZone(ctx: FlowContext, domain: DomainRow, zone: DnsZoneRow | undefined): Promise<DnsZoneRow> {
  if (zone) return zone;
  return ctx.db
    .insertInto('dns_zones')
    .values({ domain_id: domain.id, serial: baseSerial(domain), auto_commit_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A change reached the name servers: the serial moves forward once. `zone`
 * is the row as it was before the change (locked by the flow): a change
 * that grew the zone past a cap is refused (enforceZoneLimits), unless
 * `checkLimits` is false (a commit of staged changes, checked when staged).
 */
export async function publishZone(ctx: FlowContext, zone: DnsZoneRow, options: { clearAutoCommit?: boolean; checkLimits?: boolean } = {}): Promise<DnsZoneRow> {
  const after = await ctx.db
    .updateTable('dns_zones')
    .set({
      serial: nextZoneSerial(zone.serial, ctx.now),
      ...(options.clearAutoCommit ? { auto_commit_at: null } : {}),
    })
    .where('domain_id', '=', zone.domain_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (options.checkLimits !== false) await enforceZoneLimits(ctx, zone, after);
  return after;
}

/**
 * The caps on a zone (dns.maxRecordsPerZone, dns.maxZoneBytes), checked
 * against the totals the dns_records triggers keep in the zone's row
 * (migration 0023): one row read, whatever the zone's size. A change that
 * leaves a total past its cap and larger than before is refused (the
 * transaction rolls back); one that shrinks a zone already past a cap (a
 * cap lowered later) is allowed.
 */
export async function enforceZoneLimits(ctx: FlowContext, before: Pick<DnsZoneRow, 'record_count' | 'rdata_bytes'>, after: DnsZoneRow, extraBytes = 0): Promise<void> {
  const limits = ctx.dnsLimits ?? DEFAULT_DNS_ZONE_LIMITS;
  const records = after.record_count;
  const bytes = after.rdata_bytes + extraBytes;
  const over =
    records > limits.maxRecordsPerZone && records > before.record_count ? { limit: 'records' as const, max: limits.maxRecordsPerZone, after: records }
    : bytes > limits.maxZoneBytes && bytes > before.rdata_bytes ? { limit: 'bytes' as const, max: limits.maxZoneBytes, after: bytes }
    : undefined;
  if (!over) return;
  const domain = await ctx.db.selectFrom('domains').select('name').where('id', '=', after.domain_id).executeTakeFirstOrThrow();
  throw new DnsZoneLimitExceeded(domain.name, over.limit, over.max, over.after);
}

/**
 * A change was staged: the zone commits itself AUTO_COMMIT_DELAY_MS after
 * the first pending one. The caps are checked as by publishZone;
 * `stagedBytes` is what a staged update adds to the zone's data once
 * committed (its new value's octets less the old one's).
 */
export async function scheduleAutoCommit(ctx: FlowContext, zone: DnsZoneRow, stagedBytes = 0): Promise<DnsZoneRow> {
  const after = zone.auto_commit_at !== null
    ? await ctx.db.selectFrom('dns_zones').selectAll().where('domain_id', '=', zone.domain_id).executeTakeFirstOrThrow()
    : await ctx.db
      .updateTable('dns_zones')
      .set({ auto_commit_at: new Date(ctx.now.getTime() + AUTO_COMMIT_DELAY_MS) })
      .where('domain_id', '=', zone.domain_id)
      .returningAll()
      .executeTakeFirstOrThrow();
  await enforceZoneLimits(ctx, zone, after, stagedBytes);
  return after;
}

/**
 * Applies every staged change of the zone: deletions go, additions and
 * updates become live. The serial moves once if anything changed; the
 * auto-commit deadline is cleared either way.
 */
export async function commitStagedChanges(ctx: FlowContext, zone: DnsZoneRow): Promise<{ zone: DnsZoneRow; changes: number }> {
  const domainId = zone.domain_id;
  const deleted = await ctx.db.deleteFrom('dns_records').where('domain_id', '=', domainId).where('state', '=', 'staged_delete').executeTakeFirst();
  const added = await ctx.db
    .updateTable('dns_records')
    .set({ state: 'live', updated_at: ctx.now })
    .where('domain_id', '=', domainId)
    .where('state', '=', 'staged_add')
    .executeTakeFirst();
  const updates = await ctx.db.selectFrom('dns_records').selectAll().where('domain_id', '=', domainId).where('state', '=', 'staged_update').execute();
  for (const row of updates) {
    const next = modelOf(row).staged ?? modelOf(row).current;
    await ctx.db
      .updateTable('dns_records')
      .set({ ...recordColumns(next), state: 'live', staged: null, updated_at: ctx.now })
      .where('id', '=', row.id)
      .execute();
  }
  const changes = Number(deleted.numDeletedRows) + Number(added.numUpdatedRows) + updates.length;
  if (changes > 0) return { zone: await publishZone(ctx, zone, { clearAutoCommit: true, checkLimits: false }), changes };
  if (zone.auto_commit_at === null) return { zone, changes };
  const cleared = await ctx.db
    .updateTable('dns_zones')
    .set({ auto_commit_at: null })
    .where('domain_id', '=', domainId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { zone: cleared, changes };
}
