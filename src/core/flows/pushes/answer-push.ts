/**
 * Answer pushed domains (Dynadot set_domain_push_request). Every named
 * domain must wait in an unexpired push to the acting account. Accepting
 * moves each domain to the receiver (no money; new auth code; the sender's
 * folder, contacts, label and note are cleared); declining leaves it with the
 * sender. A push ends once none of its domains is open: accepted when any of
 * them was accepted, declined otherwise.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DomainStatusProhibits, InvalidValue, MissingParameter, PushNotFound, type ErrorCode } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import type { PushStatus } from '../../../store/index.ts';
import { handOverDomain } from '../transfers/hand-over-domain.ts';
import { TRANSFERABLE_STATES } from '../transfers/transfer-rules.ts';
import { ANSWERABLE_PUSH_STATUSES } from './push-access.ts';
import { verifyPushNames } from './push-input.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'PUSH_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
] as const satisfies readonly ErrorCode[];

export type PushAction = 'accept' | 'decline';
const PUSH_ACTIONS: readonly PushAction[] = ['accept', 'decline'];

export interface AnswerPushInput {
  readonly accountId?: number;
  readonly names: readonly string[];
  readonly action: PushAction;
}

export interface AnswerPushResult {
  readonly action: PushAction;
  readonly names: readonly string[];
}

interface OpenEntry {
  readonly pushId: number;
  readonly senderId: number;
  readonly status: PushStatus;
  readonly domainId: number;
  readonly name: string;
}

export async function answerPush(ctx: FlowContext, input: AnswerPushInput): Promise<AnswerPushResult> {
  const receiverId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, receiverId);
  const action = verifyAction(input.action);
  const names = verifyPushNames(ctx, input.names);

  const entries: OpenEntry[] = [];
  for (const name of names) entries.push(await loadOpenEntry(ctx, receiverId, name));
  for (const e of entries) {
    if (action === 'accept') await moveToReceiver(ctx, e, receiverId);
    await ctx.db.updateTable('push_domains').set({ open: false }).where('push_id', '=', e.pushId).where('domain_id', '=', e.domainId).execute();
  }
  for (const pushId of new Set(entries.map((e) => e.pushId))) await settlePush(ctx, pushId, action);
  return { action, names };
}

function verifyAction(input: unknown): PushAction {
  if (input === undefined || input === null || input === '') throw new MissingParameter('action');
  if (!(PUSH_ACTIONS as readonly unknown[]).includes(input)) throw new InvalidValue('action', `one of ${PUSH_ACTIONS.join(', ')} is required`, input);
  return input as PushAction;
}

async function loadOpenEntry(ctx: FlowContext, receiverId: number, name: string): Promise<OpenEntry> {
  const row = await ctx.db
    .selectFrom('push_domains as pd')
    .innerJoin('pushes as p', 'p.id', 'pd.push_id')
    .select(['p.id as pushId', 'p.sender_account_id as senderId', 'p.status as status', 'pd.domain_id as domainId', 'pd.domain_name as name'])
    .where('pd.domain_name', '=', name)
    .where('pd.open', '=', true)
    .where('p.receiver_account_id', '=', receiverId)
    .where('p.status', 'in', ANSWERABLE_PUSH_STATUSES)
    .where('p.expires_at', '>', ctx.now)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new PushNotFound(name);
  return row;
}

/** The domain must still be the sender's live registration in a state that may change hands. */
async function moveToReceiver(ctx: FlowContext, e: OpenEntry, receiverId: number): Promise<void> {
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', e.domainId).forUpdate().executeTakeFirstOrThrow();
  const state = projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state;
  if (row.account_id !== e.senderId || state === 'released') throw new PushNotFound(e.name);
  if (!TRANSFERABLE_STATES.has(state)) throw new DomainStatusProhibits(e.name, state, 'push');
  await handOverDomain(ctx, row, receiverId);
}

async function settlePush(ctx: FlowContext, pushId: number, action: PushAction): Promise<void> {
  const push = await ctx.db.selectFrom('pushes').select('status').where('id', '=', pushId).executeTakeFirstOrThrow();
  const open = await ctx.db.selectFrom('push_domains').select('domain_id').where('push_id', '=', pushId).where('open', '=', true).execute();
  const status: PushStatus = action === 'accept' ? 'accepted' : push.status;
  const closed = open.length === 0;
  await ctx.db
    .updateTable('pushes')
    .set({ status: closed && status === 'pending' ? 'declined' : status, decided_at: closed ? ctx.now : null })
    .where('id', '=', pushId)
    .execute();
}
