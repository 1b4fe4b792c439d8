/**
 * Add one record to a hosted zone. Immediate by default (published at once,
 * serial bumped); with `staged` it waits for commitZone or the auto-commit
 * deadline, and changes already pending stay pending either way.
 * Load → verify (account, domain, hosted DNS, state) → validate the record
 * and the zone after the change → persist → result.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { validateDnsRecord, type DnsRecordInput } from '../../dns/record-types.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { loadOwnerRows, modelOf, recordColumns, verifyZoneAfter, viewOf } from './record-rows.ts';
import { ensureZone, publishZone, scheduleAutoCommit } from './zone-publish.ts';
import { zoneDefaultTtl, zoneStatus, type RecordChangeResult } from './zone-result.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED', 'INVALID_VALUE', 'INVALID_RECORD_TYPE', 'INVALID_RECORD_NAME', 'INVALID_RECORD_VALUE',
  'INVALID_RECORD_TTL', 'CNAME_CONFLICT', 'DNS_RECORD_EXISTS', 'DNS_ZONE_LIMIT_EXCEEDED',
] as const satisfies readonly ErrorCode[];

export interface AddRecordInput {
  readonly accountId?: number;
  readonly name: string;
  readonly record: DnsRecordInput;
  readonly staged?: boolean;
  /** The author's comment (WEDOS `auth_comment`), kept with the record; at most 255 characters, no control characters. */
  readonly comment?: string;
}

const MAX_COMMENT = 255;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

function recordComment(comment: string | undefined): string {
  if (comment === undefined) return '';
  if (comment.length > MAX_COMMENT) throw new InvalidValue('comment', `at most ${MAX_COMMENT} characters`, comment);
  if (CONTROL.test(comment)) throw new InvalidValue('comment', 'no control characters', comment);
  return comment;
}

export async function addRecord(ctx: FlowContext, input: AddRecordInput): Promise<RecordChangeResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'change');
  const data = validateDnsRecord(input.record, { apex: hosted.apex, defaultTtl: zoneDefaultTtl(hosted) });
  const comment = recordComment(input.comment);
  const staged = input.staged === true;
  const state = staged ? 'staged_add' : 'live';
  const models = (await loadOwnerRows(ctx, hosted.domain.id, [data.name])).map(modelOf);
  verifyZoneAfter([...models, { id: 0, state, current: data, staged: null }]);

  let zone = await ensureZone(ctx, hosted.domain, hosted.zone);
  const row = await ctx.db
    .insertInto('dns_records')
    .values({ domain_id: hosted.domain.id, ...recordColumns(data), state, staged: null, comment, created_at: ctx.now, updated_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  zone = staged ? await scheduleAutoCommit(ctx, zone) : await publishZone(ctx, zone);
  return { ...zoneStatus(hosted, zone), record: viewOf(modelOf(row), 'pending') };
}
