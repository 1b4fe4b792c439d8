/** Whether the database holds any account at all (first start seeds a demo account only into an empty one). */
import type { FlowContext } from '../../context.ts';

export async function hasAccounts(ctx: FlowContext, _input: Record<string, never> = {}): Promise<boolean> {
  const any = await ctx.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  return any !== undefined;
}
