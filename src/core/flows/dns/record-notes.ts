/**
 * What a hosted zone's records carry besides their data: the author's
 * comment (given with addRecord, '' when none) and the instant of the
 * record's last change (its addition, an update or staged change, or the
 * commit that published it). WEDOS shows them as `author_comment` and
 * `changed_date`. In id order, for the records of the view (published by
 * default, pending with includeStaged), all of them or those of `recordIds`
 * (ids outside the zone or the view are left out).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { isVisible, loadZoneRows } from './record-rows.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DNS_NOT_HOSTED',
] as const satisfies readonly ErrorCode[];

export interface ListRecordNotesInput {
  readonly accountId?: number;
  readonly name: string;
  readonly recordIds?: readonly number[];
  readonly includeStaged?: boolean;
}

export interface DnsRecordNote {
  readonly id: number;
  readonly comment: string;
  readonly changedAt: Date;
}

export async function listRecordNotes(ctx: FlowContext, input: ListRecordNotesInput): Promise<DnsRecordNote[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'read');
  const view = input.includeStaged === true ? 'pending' : 'published';
  const wanted = input.recordIds === undefined ? null : new Set(input.recordIds);
  return (await loadZoneRows(ctx, hosted.domain.id))
    .filter((row) => isVisible(row.state, view) && (wanted === null || wanted.has(row.id)))
    .map((row) => ({ id: row.id, comment: row.comment, changedAt: row.updated_at }));
}
