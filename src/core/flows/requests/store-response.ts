/** Keeps the response of a claimed idempotent request (see claim-request.ts), in the request's own transaction. */
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import type { RequestKey } from './claim-request.ts';

export const throws = [] as const satisfies readonly ErrorCode[];

export async function storeResponse(ctx: FlowContext, input: RequestKey & { readonly response: unknown }): Promise<void> {
  await ctx.db
    .updateTable('freenom_idempotency')
    .set({ response: JSON.stringify(input.response) })
    .where('account_id', '=', input.accountId)
    .where('function', '=', input.fn)
    .where('params_hash', '=', input.paramsHash)
    .execute();
}
