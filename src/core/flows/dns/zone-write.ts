/**
 * Writing many records at once, for replaceZone and importZone: the whole
 * batch is checked against the zone it would produce before anything is
 * written, so one bad record changes nothing.
 */
import type { DnsZoneRow } from '../../../store/index.ts';
import type { FlowContext } from '../../context.ts';
import type { DnsRecordData } from '../../dns/record-types.ts';
import type { HostedZone } from './hosted-zone.ts';
import { loadZoneRows, modelOf, recordColumns, verifyZoneAfter, type RecordModel } from './record-rows.ts';
import { ensureZone, publishZone } from './zone-publish.ts';

/**
 * Replace: the zone becomes exactly `records`, published at once; pending
 * staged changes are discarded. Append: `records` are published next to
 * the existing ones, and pending changes stay pending.
 */
export async function writeZoneRecords(
  ctx: FlowContext,
  hosted: HostedZone,
  records: readonly DnsRecordData[],
  append: boolean,
): Promise<{ zone: DnsZoneRow; models: RecordModel[] }> {
  const domainId = hosted.domain.id;
  const existing = (await loadZoneRows(ctx, domainId)).map(modelOf);
  const batch: RecordModel[] = records.map((d, i) => ({ id: -(i + 1), state: 'live', current: d, staged: null }));
  verifyZoneAfter(append ? [...existing, ...batch] : batch);

  let zone = await ensureZone(ctx, hosted.domain, hosted.zone);
  if (!append) await ctx.db.deleteFrom('dns_records').where('domain_id', '=', domainId).execute();
  if (records.length > 0) {
    await ctx.db
      .insertInto('dns_records')
      .values(records.map((d) => ({ domain_id: domainId, ...recordColumns(d), state: 'live' as const, staged: null, created_at: ctx.now, updated_at: ctx.now })))
      .execute();
  }
  if (!append || records.length > 0) zone = await publishZone(ctx, zone, { clearAutoCommit: !append });
  return { zone, models: (await loadZoneRows(ctx, domainId)).map(modelOf) };
}
