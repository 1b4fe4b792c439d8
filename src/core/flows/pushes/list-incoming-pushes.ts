/**
 * Domains waiting for the acting account's answer (Dynadot
 * get_domain_push_request): every open domain of an unexpired push to it,
 * ordered by name. The sender is not disclosed.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { ANSWERABLE_PUSH_STATUSES } from './push-access.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface IncomingPush {
  readonly name: string;
  readonly pushId: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export async function listIncomingPushes(ctx: FlowContext, input: { accountId?: number } = {}): Promise<{ items: readonly IncomingPush[] }> {
  const receiverId = actingAccountId(ctx, input.accountId);
  const rows = await ctx.db
    .selectFrom('push_domains as pd')
    .innerJoin('pushes as p', 'p.id', 'pd.push_id')
    .select(['pd.domain_name as name', 'p.id as pushId', 'p.created_at as createdAt', 'p.expires_at as expiresAt'])
    .where('p.receiver_account_id', '=', receiverId)
    .where('pd.open', '=', true)
    .where('p.status', 'in', ANSWERABLE_PUSH_STATUSES)
    .where('p.expires_at', '>', ctx.now)
    .execute();
  const items = rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.pushId - b.pushId));
  return { items };
}
