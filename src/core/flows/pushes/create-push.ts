/**
 * Push domains to another account (Dynadot push): the sender offers some of
 * its active domains to the account with a given push username, which may
 * accept or decline them until the push expires. No money moves. Load →
 * verify (sender, receiver, each domain: ownership, state, lock, transfers
 * and pushes in progress) → unlock if asked → persist.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DAY } from '../../clock.ts';
import { DomainLocked, InvalidValue, MissingParameter, PushAlreadyPending, PushReceiverNotFound, TransferAlreadyPending, type ErrorCode } from '../../errors/index.ts';
import type { AccountRow, DomainRow } from '../../../store/index.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { ACTIVE_ONLY, verifyStateIn } from '../domains/domain-statuses.ts';
import { pendingTransferOf } from '../transfers/transfer-access.ts';
import { openPushOf } from './push-access.ts';
import { closeExpiredPushes } from './push-expiry.ts';
import { verifyPushNames } from './push-input.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'PUSH_RECEIVER_NOT_FOUND', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'DOMAIN_LOCKED', 'TRANSFER_ALREADY_PENDING', 'PUSH_ALREADY_PENDING',
] as const satisfies readonly ErrorCode[];

/** How long the receiver has to answer a push. */
export const PUSH_LIFETIME_MS = 7 * DAY;

export interface CreatePushInput {
  readonly accountId?: number;
  readonly names: readonly string[];
  readonly receiverPushUsername: string;
  /** Lift the transfer lock of locked domains instead of refusing them (Dynadot unlock_domain_for_push). */
  readonly unlock?: boolean;
}

export interface CreatePushResult {
  readonly pushId: number;
  readonly receiverPushUsername: string;
  readonly names: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export async function createPush(ctx: FlowContext, input: CreatePushInput): Promise<CreatePushResult> {
  const senderId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, senderId);
  const receiver = await findReceiver(ctx, input.receiverPushUsername);
  if (receiver.id === senderId) throw new InvalidValue('receiver_push_username', 'domains cannot be pushed to their own account', input.receiverPushUsername);
  const names = verifyPushNames(ctx, input.names);
  const unlock = input.unlock === true;

  const rows: DomainRow[] = [];
  for (const name of names) rows.push(await verifyPushable(ctx, senderId, name, unlock));
  await closeExpiredPushes(ctx, rows.map((r) => r.id));
  const locked = rows.filter((r) => r.locked).map((r) => r.id);
  if (locked.length > 0) await ctx.db.updateTable('domains').set({ locked: false, updated_at: ctx.now }).where('id', 'in', locked).execute();

  const expiresAt = new Date(ctx.now.getTime() + PUSH_LIFETIME_MS);
  const push = await ctx.db
    .insertInto('pushes')
    .values({ sender_account_id: senderId, receiver_account_id: receiver.id, status: 'pending', created_at: ctx.now, expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('push_domains')
    .values(rows.map((r) => ({ push_id: push.id, domain_id: r.id, domain_name: r.name })))
    .execute();
  return { pushId: push.id, receiverPushUsername: receiver.push_username ?? '', names, createdAt: ctx.now, expiresAt };
}

/** Push usernames match case-insensitively; a suspended account receives nothing. */
async function findReceiver(ctx: FlowContext, input: unknown): Promise<AccountRow> {
  if (input === undefined || input === null || input === '') throw new MissingParameter('receiver_push_username');
  if (typeof input !== 'string') throw new InvalidValue('receiver_push_username', 'a push username is required', input);
  const wanted = input.trim().toLowerCase();
  const row = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where(sql<string>`lower(push_username)`, '=', wanted)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) throw new PushReceiverNotFound(input.trim());
  return row;
}

async function verifyPushable(ctx: FlowContext, senderId: number, name: string, unlock: boolean): Promise<DomainRow> {
  const owned = await loadOwnedDomain(ctx, senderId, name);
  verifyStateIn(owned, ACTIVE_ONLY, 'push');
  if (owned.row.locked && !unlock) throw new DomainLocked(name);
  if (await pendingTransferOf(ctx, owned.row.id)) throw new TransferAlreadyPending(name);
  if (await openPushOf(ctx, owned.row.id)) throw new PushAlreadyPending(name);
  return owned.row;
}
