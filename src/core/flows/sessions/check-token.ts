/** System: whether a verified bearer token may still be used: not revoked, and its account exists and is active. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface TokenState {
  readonly revoked: boolean;
  readonly accountActive: boolean;
}

export async function checkToken(ctx: FlowContext, token: { readonly jti: string; readonly accountId: number }): Promise<TokenState> {
  requireOperator(ctx);
  const revoked = await ctx.db.selectFrom('kifdom_revoked_tokens').select('jti').where('jti', '=', token.jti).executeTakeFirst();
  const account = await ctx.db.selectFrom('accounts').select('status').where('id', '=', token.accountId).executeTakeFirst();
  return { revoked: revoked !== undefined, accountActive: account?.status === 'active' };
}
