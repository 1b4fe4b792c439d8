/** The token's own account (or the system): revokes a bearer token by its id until it expires anyway; rows of tokens that have expired are pruned on every revocation. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface TokenRef {
  readonly jti: string;
  readonly accountId: number;
  readonly expiresAt: Date;
}

/** False when the token was already revoked (a concurrent logout or refresh won). */
export async function revokeToken(ctx: FlowContext, token: TokenRef): Promise<boolean> {
  // An account revokes only its own tokens (another account's: ACCOUNT_NOT_FOUND).
  actingAccountId(ctx, token.accountId);
  await ctx.db.deleteFrom('kifdom_revoked_tokens').where('expires_at', '<', ctx.now).execute();
  const inserted = await ctx.db
    .insertInto('kifdom_revoked_tokens')
    .values({ jti: token.jti, account_id: token.accountId, expires_at: token.expiresAt, revoked_at: ctx.now })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst();
  ctx.credentials?.changedAccount(token.accountId);
  return inserted !== undefined;
}
