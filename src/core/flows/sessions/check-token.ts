/**
 * System: whether a verified bearer token may still be used: not revoked,
 * and its account exists and is active. A token found usable a moment ago
 * is answered from the credentials cache (no statement) until its account
 * changes or one of its tokens is revoked (credentials-cache.ts).
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface TokenState {
  readonly revoked: boolean;
  readonly accountActive: boolean;
}

const USABLE: TokenState = Object.freeze({ revoked: false, accountActive: true });

export const checkToken = markReadOnly(async function checkToken(ctx: FlowContext, token: { readonly jti: string; readonly accountId: number }): Promise<TokenState> {
  requireOperator(ctx);
  const cache = ctx.credentials?.cache;
  const cacheKey = cache?.keyOf<true>('token', token.jti, String(token.accountId));
  if (cacheKey && cache!.get(cacheKey)) return USABLE;
  const ticket = cache?.ticket() ?? 0;
  const revoked = await ctx.db.selectFrom('kifdom_revoked_tokens').select('jti').where('jti', '=', token.jti).executeTakeFirst();
  const account = await ctx.db.selectFrom('accounts').select('status').where('id', '=', token.accountId).executeTakeFirst();
  const state = { revoked: revoked !== undefined, accountActive: account?.status === 'active' };
  if (cacheKey && !state.revoked && state.accountActive) cache!.set(ticket, cacheKey, true, { accountId: token.accountId });
  return state;
});
