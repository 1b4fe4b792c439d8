/**
 * dns_records rows and the two views of a zone.
 *
 * - published: what the name servers serve — live rows, plus rows with a
 *   staged update or delete, still with their current values;
 * - pending: what the zone will be after the next commit — live rows,
 *   staged additions, staged updates with their new values.
 */
import type { DnsRecordState, DnsRecordRow } from '../../../store/index.ts';
import type { FlowContext } from '../../context.ts';
import { verifyZoneRecords } from '../../dns/zone-rules.ts';
import type { DnsRecordData, DnsRecordType } from '../../dns/record-types.ts';

export type ZoneViewKind = 'published' | 'pending';

export interface DnsRecordView extends DnsRecordData {
  /** Stable id (KifDom dns_zone_id, WEDOS row ID). */
  readonly id: number;
  /** live, or the change waiting for a commit. */
  readonly state: DnsRecordState;
}

/** One row as the checks see it: its current values and, for a staged update, the new ones. */
export interface RecordModel {
  readonly id: number;
  readonly state: DnsRecordState;
  readonly current: DnsRecordData;
  readonly staged: DnsRecordData | null;
}

/** The columns of a record's values and state. */
export type RecordRowValues = Pick<DnsRecordRow, 'id' | 'name' | 'type' | 'ttl' | 'data' | 'priority' | 'weight' | 'port' | 'flags' | 'tag' | 'state' | 'staged'>;

export async function loadZoneRows(ctx: Pick<FlowContext, 'db'>, domainId: number): Promise<DnsRecordRow[]> {
  return ctx.db.selectFrom('dns_records').selectAll().where('domain_id', '=', domainId).orderBy('id').execute();
}

/**
 * The rows the zone rules need for a change at these owner names: the
 * rules (no duplicate record, CNAME exclusivity) hold per owner, so the
 * rows at those owners, plus every staged update (whose new owner may be
 * one of them), decide; the rest of the zone cannot. Read through the
 * (domain_id, name, type) index: a change costs the same in a zone of ten
 * records or of a hundred thousand.
 */
export async function loadOwnerRows(ctx: Pick<FlowContext, 'db'>, domainId: number, owners: readonly string[]): Promise<DnsRecordRow[]> {
  // Two index scans (the owners on (domain_id, name, type), the staged updates on their partial index), not one of the whole zone.
  const atOwners = ctx.db.selectFrom('dns_records').selectAll().where('domain_id', '=', domainId).where('name', 'in', [...new Set(owners)]);
  const stagedUpdates = ctx.db.selectFrom('dns_records').selectAll().where('domain_id', '=', domainId).where('state', '=', 'staged_update');
  return ctx.db.selectFrom(atOwners.union(stagedUpdates).as('r')).selectAll().orderBy('id').execute();
}

export function currentData(row: RecordRowValues): DnsRecordData {
  return {
    name: row.name, type: row.type as DnsRecordType, ttl: row.ttl, value: row.data,
    priority: row.priority, weight: row.weight, port: row.port, flags: row.flags, tag: row.tag,
  };
}

function stagedData(row: RecordRowValues): DnsRecordData | null {
  if (row.state !== 'staged_update' || row.staged === null) return null;
  const s = row.staged as unknown as DnsRecordData;
  return {
    name: s.name, type: s.type, ttl: s.ttl, value: s.value,
    priority: s.priority, weight: s.weight, port: s.port, flags: s.flags, tag: s.tag,
  };
}

export function modelOf(row: RecordRowValues): RecordModel {
  return { id: row.id, state: row.state, current: currentData(row), staged: stagedData(row) };
}

export function isVisible(state: DnsRecordState, view: ZoneViewKind): boolean {
  return view === 'published' ? state !== 'staged_add' : state !== 'staged_delete';
}

export function dataIn(m: RecordModel, view: ZoneViewKind): DnsRecordData {
  return view === 'pending' && m.staged ? m.staged : m.current;
}

export function viewOf(m: RecordModel, view: ZoneViewKind): DnsRecordView {
  const d = dataIn(m, view);
  return {
    id: m.id, name: d.name, type: d.type, ttl: d.ttl, value: d.value,
    priority: d.priority, weight: d.weight, port: d.port, flags: d.flags, tag: d.tag, state: m.state,
  };
}

export function zoneView(models: readonly RecordModel[], view: ZoneViewKind): DnsRecordView[] {
  return models.filter((m) => isVisible(m.state, view)).map((m) => viewOf(m, view));
}

/** Both views of the zone, as it would be after a change, must keep the zone rules. */
export function verifyZoneAfter(models: readonly RecordModel[]): void {
  for (const view of ['pending', 'published'] as const) {
    verifyZoneRecords(models.filter((m) => isVisible(m.state, view)).map((m) => dataIn(m, view)));
  }
}

/** Columns of dns_records for a record's values. */
export function recordColumns(d: DnsRecordData) {
  return {
    name: d.name, type: d.type, ttl: d.ttl, data: d.value,
    priority: d.priority, weight: d.weight, port: d.port, flags: d.flags, tag: d.tag,
  };
}

export function stagedJson(d: DnsRecordData): string {
  return JSON.stringify({
    name: d.name, type: d.type, ttl: d.ttl, value: d.value,
    priority: d.priority, weight: d.weight, port: d.port, flags: d.flags, tag: d.tag,
  });
}
