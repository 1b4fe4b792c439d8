/**
 * One record by id, in the published view (or the pending view with
 * includeStaged). A record of another account, of another domain than the
 * one named, or absent from the view is DnsRecordNotFound.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { DnsRecordNotFound, type ErrorCode } from '../../errors/index.ts';
import { loadZoneRecord } from './hosted-zone.ts';
import { isVisible, modelOf, viewOf, type DnsRecordView } from './record-rows.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DNS_NOT_HOSTED',
  'INVALID_VALUE', 'DNS_RECORD_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface GetRecordInput {
  readonly accountId?: number;
  readonly name?: string;
  readonly recordId: number;
  readonly includeStaged?: boolean;
}

export async function getRecord(ctx: FlowContext, input: GetRecordInput): Promise<DnsRecordView> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row } = await loadZoneRecord(ctx, accountId, input, 'read');
  const view = input.includeStaged === true ? 'pending' : 'published';
  if (!isVisible(row.state, view)) throw new DnsRecordNotFound(row.id);
  return viewOf(modelOf(row), view);
}
