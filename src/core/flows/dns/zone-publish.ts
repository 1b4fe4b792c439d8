/**
 * The dns_zones row: created on a zone's first change, its serial bumped
 * once per published change, its auto-commit deadline set by the first
 * staged change and cleared by the commit that publishes them.
 */
import type { DnsZoneRow, DomainRow } from '../../../store/index.ts';
import { minutes } from '../../clock.ts';
import type { FlowContext } from '../../context.ts';
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

/** A change reached the name servers: the serial moves forward once. */
export async function publishZone(ctx: FlowContext, zone: DnsZoneRow, options: { clearAutoCommit?: boolean } = {}): Promise<DnsZoneRow> {
  return ctx.db
    .updateTable('dns_zones')
    .set({
      serial: nextZoneSerial(zone.serial, ctx.now),
      ...(options.clearAutoCommit ? { auto_commit_at: null } : {}),
    })
    .where('domain_id', '=', zone.domain_id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A change was staged: the zone commits itself AUTO_COMMIT_DELAY_MS after the first pending one. */
export async function scheduleAutoCommit(ctx: FlowContext, zone: DnsZoneRow): Promise<DnsZoneRow> {
  if (zone.auto_commit_at !== null) return zone;
  return ctx.db
    .updateTable('dns_zones')
    .set({ auto_commit_at: new Date(ctx.now.getTime() + AUTO_COMMIT_DELAY_MS) })
    .where('domain_id', '=', zone.domain_id)
    .returningAll()
    .executeTakeFirstOrThrow();
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
  if (changes > 0) return { zone: await publishZone(ctx, zone, { clearAutoCommit: true }), changes };
  if (zone.auto_commit_at === null) return { zone, changes };
  const cleared = await ctx.db
    .updateTable('dns_zones')
    .set({ auto_commit_at: null })
    .where('domain_id', '=', domainId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { zone: cleared, changes };
}
