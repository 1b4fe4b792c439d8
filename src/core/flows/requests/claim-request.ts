/**
 * An idempotent request (Freenom: "POST actions are idempotent for 30
 * seconds"): the same request of an account (a dialect's function key and a
 * hash of its parameters) repeated within a window of the first success
 * answers the first response again without acting.
 *
 * The key is claimed in the request's own transaction, so the database
 * decides between concurrent repeats, whichever process they reach: the
 * second insert of a key waits for the first transaction; if that one
 * commits, the second finds the stored response and replays it; if it
 * rolls back (a failed request, a dry run), the second acts. The window
 * runs on the engine clock (the sandbox clock moves it too). Expired keys
 * of the account are pruned on the way, at most once a second per process
 * (prune-schedule.ts).
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [] as const satisfies readonly ErrorCode[];

export interface RequestKey {
  readonly accountId: number;
  /** The dialect's function key ("freenom:domain/register"): responses differ between functions and editions. */
  readonly fn: string;
  readonly paramsHash: string;
}

export interface ClaimRequestInput extends RequestKey {
  /** How long a completed request is answered again. */
  readonly windowMs: number;
}

/** `claimed`: act, then storeResponse; otherwise `response` is the stored answer to replay. */
export type ClaimRequestResult = { readonly claimed: true } | { readonly claimed: false; readonly response: unknown };

export async function claimRequest(ctx: FlowContext, input: ClaimRequestInput): Promise<ClaimRequestResult> {
  const cutoff = new Date(ctx.now.getTime() - input.windowMs);
  // An insert of a key another transaction holds waits for that transaction;
  // a key older than the window is taken over. One statement: when a prune
  // is due (prune-schedule.ts), the account's other expired keys are pruned
  // by a data-modifying CTE beside the claim (it never touches the claimed key).
  // Not due: the CTE's condition is a constant false (the statement is planned with its values), so it reads nothing.
  const pruning = ctx.prunes?.due(input.accountId, ctx.now) ?? true;
  const claimed = await ctx.db
    .with('pruned', (db) => db
      .deleteFrom('freenom_idempotency')
      .where(sql<boolean>`${pruning}::boolean`)
      .where('account_id', '=', input.accountId)
      .where('created_at', '<=', cutoff)
      .where((eb) => eb.or([eb('function', '!=', input.fn), eb('params_hash', '!=', input.paramsHash)])))
    .insertInto('freenom_idempotency')
    .values({ account_id: input.accountId, function: input.fn, params_hash: input.paramsHash, response: '', created_at: ctx.now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'function', 'params_hash'])
        .doUpdateSet({ response: '', created_at: ctx.now })
        .where(sql<boolean>`freenom_idempotency.created_at <= ${cutoff}`),
    )
    .returning('account_id')
    .executeTakeFirst();
  if (claimed) return { claimed: true };
  const previous = await ctx.db
    .selectFrom('freenom_idempotency')
    .select('response')
    .where('account_id', '=', input.accountId)
    .where('function', '=', input.fn)
    .where('params_hash', '=', input.paramsHash)
    .executeTakeFirstOrThrow();
  return { claimed: false, response: JSON.parse(previous.response) as unknown };
}
