/**
 * Create an NSSET (.cz delegation object). Load → verify (account, handle,
 * hosts and their glue, tech contact) → insert → view. Without a handle,
 * regd assigns REGD-N<id>. A handle taken concurrently loses on the
 * nssets_handle_key index and surfaces as NssetAlreadyExists.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { NssetAlreadyExists, type ErrorCode } from '../../errors/index.ts';
import { loadOwnedContact } from '../contacts/contact-access.ts';
import { generatedNssetHandle, nssetHandleOf, nssetHostsOf, type NssetHostInput } from './nsset-input.ts';
import { toNssetView, type NssetView } from './nsset-access.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT',
  'GLUE_REQUIRED', 'GLUE_NOT_ALLOWED', 'CONTACT_NOT_FOUND', 'NSSET_ALREADY_EXISTS',
] as const satisfies readonly ErrorCode[];

export interface CreateNssetInput {
  readonly accountId?: number;
  /** Upper-cased; generated as REGD-N<id> when absent. */
  readonly handle?: string;
  readonly hosts: readonly NssetHostInput[];
  /** Public number of a contact of this account. */
  readonly techContactId?: number;
}

export async function createNsset(ctx: FlowContext, input: CreateNssetInput): Promise<NssetView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const wanted = input.handle === undefined ? undefined : nssetHandleOf(input.handle);
  const hosts = await nssetHostsOf(ctx, accountId, input.hosts);
  const contact = input.techContactId === undefined
    ? undefined
    : await loadOwnedContact(ctx, accountId, input.techContactId, { lock: 'key_share', param: 'tech_contact_id' });
  if (wanted !== undefined) await verifyHandleFree(ctx, wanted);

  const id = await nextNssetId(ctx);
  const row = await ctx.db
    .insertInto('nssets')
    .values({
      id,
      account_id: accountId,
      handle: wanted ?? generatedNssetHandle(id),
      hosts: JSON.stringify(hosts),
      tech_contact_id: contact?.id ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toNssetView(ctx, row);
}

async function verifyHandleFree(ctx: FlowContext, handle: string): Promise<void> {
  const taken = await ctx.db.selectFrom('nssets').select('id').where('handle', '=', handle).executeTakeFirst();
  if (taken) throw new NssetAlreadyExists(handle);
}

/** The row id is drawn first so a generated handle can carry it. */
async function nextNssetId(ctx: FlowContext): Promise<number> {
  const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('nssets', 'id')) as id`.execute(ctx.db);
  return r.rows[0]!.id;
}
