/** System: a per-installation signing secret kept in `settings` under `key`, created by the first caller (base64url, 32 random bytes). */
import { randomBytes } from 'node:crypto';
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

const SECRET_BYTES = 32;

/** Concurrent first callers all read the winner's secret; it survives restarts and is shared by every process on the database. */
export async function getSigningSecret(ctx: FlowContext, input: { readonly key: string }): Promise<string> {
  requireOperator(ctx);
  const fresh = randomBytes(SECRET_BYTES).toString('base64url');
  await ctx.db
    .insertInto('settings')
    .values({ key: input.key, value: JSON.stringify(fresh), updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', input.key).executeTakeFirstOrThrow();
  if (typeof row.value !== 'string' || row.value.length < 32) throw new Error(`settings ${input.key} does not hold a secret`);
  return row.value;
}
