/**
 * Readers for the DNS server: what a hosted zone publishes right now.
 * They only read (a due auto-commit is the sweeper's to apply) and are not
 * scoped by account: the caller serves every hosted zone.
 */
import type { Db } from '../../../store/index.ts';
import type { FlowContext } from '../../context.ts';
import { loadZoneRows, modelOf, zoneView, type DnsRecordView } from './record-rows.ts';
import { baseSerial } from './zone-publish.ts';

/** The zone's SOA serial (the domain's base serial before its first change); null for an unknown domain id. */
export async function zoneSerial(ctx: Pick<FlowContext, 'db'>, domainId: number): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('domains')
    .leftJoin('dns_zones', 'dns_zones.domain_id', 'domains.id')
    .select(['domains.created_at', 'dns_zones.serial'])
    .where('domains.id', '=', domainId)
    .executeTakeFirst();
  if (!row) return null;
  return row.serial ?? baseSerial(row);
}

/** The published records of a zone, in id order. */
export async function publishedRecords(db: Db, domainId: number): Promise<readonly DnsRecordView[]> {
  const rows = await loadZoneRows({ db }, domainId);
  return zoneView(rows.map(modelOf), 'published');
}
