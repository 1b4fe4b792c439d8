/**
 * "POST actions are idempotent for 30 seconds": the same action (account,
 * edition and function, parameters without credentials or method override;
 * see Params.actionHash) repeated within 30 seconds of the first success
 * answers the first response again without acting.
 *
 * The key is claimed in the action's own transaction, so the database
 * decides between concurrent repeats, whichever process they reach: the
 * second insert of a key waits for the first transaction; if that one
 * commits, the second finds the stored response and replays it; if it
 * rolls back (a failed action, test_mode), the second acts. The 30 seconds
 * run on the engine clock (the sandbox clock moves them too).
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../core/index.ts';
import type { WireObject } from './render.ts';

export const IDEMPOTENCY_WINDOW_MS = 30_000;

export interface ActionKey {
  readonly accountId: number;
  /** "<edition>:<function path>": the two editions render different responses. */
  readonly fn: string;
  readonly paramsHash: string;
}

/**
 * Claims the key for this transaction, or returns the response of the same
 * action completed within the window. Expired rows of the account are
 * pruned on the way.
 */
export async function claimAction(ctx: FlowContext, key: ActionKey): Promise<WireObject | undefined> {
  const cutoff = new Date(ctx.now.getTime() - IDEMPOTENCY_WINDOW_MS);
  await ctx.db
    .deleteFrom('freenom_idempotency')
    .where('account_id', '=', key.accountId)
    .where('created_at', '<=', cutoff)
    .where((eb) => eb.or([eb('function', '!=', key.fn), eb('params_hash', '!=', key.paramsHash)]))
    .execute();
  // An insert of a key another transaction holds waits for that transaction;
  // a key older than the window is taken over.
  const claimed = await ctx.db
    .insertInto('freenom_idempotency')
    .values({ account_id: key.accountId, function: key.fn, params_hash: key.paramsHash, response: '', created_at: ctx.now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'function', 'params_hash'])
        .doUpdateSet({ response: '', created_at: ctx.now })
        .where(sql<boolean>`freenom_idempotency.created_at <= ${cutoff}`),
    )
    .returning('account_id')
    .executeTakeFirst();
  if (claimed) return undefined;
  const previous = await ctx.db
    .selectFrom('freenom_idempotency')
    .select('response')
    .where('account_id', '=', key.accountId)
    .where('function', '=', key.fn)
    .where('params_hash', '=', key.paramsHash)
    .executeTakeFirstOrThrow();
  return JSON.parse(previous.response) as WireObject;
}

/** Keeps the response of the claimed action (same transaction as the action). */
export async function storeResponse(ctx: FlowContext, key: ActionKey, response: WireObject): Promise<void> {
  await ctx.db
    .updateTable('freenom_idempotency')
    .set({ response: JSON.stringify(response) })
    .where('account_id', '=', key.accountId)
    .where('function', '=', key.fn)
    .where('params_hash', '=', key.paramsHash)
    .execute();
}
