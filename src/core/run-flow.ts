/**
 * The one place a transaction opens. `runFlow` builds the context (one `now`
 * per call), runs the flow inside a transaction, turns database constraint
 * violations into typed errors, retries on serialization failures, and
 * implements dry runs by rolling back with a sentinel carrying the result.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Clock } from './clock.ts';
import type { Actor, DnsZoneLimits, Flow, FlowContext } from './context.ts';
import type { PolicyBook } from './policy/policy-book.ts';
import { CredentialsScope, type CredentialsCache } from './credentials-cache.ts';
import type { PruneSchedule } from './prune-schedule.ts';
import { DomainNotAvailable } from './errors/domain-errors.ts';
import { EmailAlreadyUsed, PushUsernameTaken } from './errors/account-errors.ts';
import { InsufficientFunds } from './errors/money-errors.ts';
import { PushAlreadyPending, TransferAlreadyPending } from './errors/transfer-errors.ts';
import { HostAlreadyExists, NssetAlreadyExists } from './errors/host-errors.ts';
import { FolderAlreadyExists } from './errors/folder-errors.ts';
import { DropRequestExists } from './errors/lifecycle-errors.ts';

export interface RunOptions {
  readonly actor: Actor;
  /** Run the whole flow, then roll back: "would this succeed, and with what result?" */
  readonly dryRun?: boolean;
  /** The door the call came through (dialect name, "cli", "sweeper"). */
  readonly source?: string;
  /** Pin the instant (a dialect that already read the clock for this request). */
  readonly now?: Date;
}

export interface FlowRunner {
  run<I, O>(flow: Flow<I, O>, input: I, options: RunOptions): Promise<O>;
}

/**
 * Flows that only read (single-row lookups, lists, availability checks) are
 * registered here and run without an explicit transaction: each of their
 * statements sees a committed snapshot, and they save the BEGIN/COMMIT round
 * trips on the hottest paths. A flow that writes must never be marked.
 */
const READ_ONLY_FLOWS = new WeakSet<object>();

export function markReadOnly<F extends Flow<never, unknown>>(flow: F): F {
  READ_ONLY_FLOWS.add(flow);
  return flow;
}

export function isReadOnlyFlow(flow: object): boolean {
  return READ_ONLY_FLOWS.has(flow);
}

/**
 * A flow's one-statement path: tried first, outside any transaction, by
 * `run` (not by a dry run, nor when another flow calls the flow inside its
 * own transaction). It may read without locks, then write with at most one
 * statement, which autocommits atomically on its own; or it returns
 * undefined having written nothing, and the flow then runs as usual in a
 * transaction. It may also throw after its one write, which stays committed
 * (authentication records a failed login that way). It saves the BEGIN and
 * COMMIT round trips of the hottest writing flow (registration), and lets
 * authentication check a password without holding a connection.
 */
export type OneStatementPath<I, O> = (ctx: FlowContext, input: I) => Promise<O | undefined>;

const ONE_STATEMENT_PATHS = new WeakMap<object, OneStatementPath<never, unknown>>();
/** Flows whose one-statement path only reads: its answer announces no commit (engine.commits). */
const READING_PATHS = new WeakSet<object>();

/**
 * `readsOnly`: the path never writes (a read that falls back to the flow's
 * transaction when it would have to write), so its answers announce no
 * commit: the services following commits (DNS, the sites' mirror, the
 * credentials' change log) are not sent to the database by a read.
 */
export function withOneStatementPath<I, O>(flow: Flow<I, O>, path: OneStatementPath<I, O>, options: { readonly readsOnly?: boolean } = {}): Flow<I, O> {
  ONE_STATEMENT_PATHS.set(flow, path as OneStatementPath<never, unknown>);
  if (options.readsOnly) READING_PATHS.add(flow);
  return flow;
}

class DryRunRollback<O> extends Error {
  constructor(readonly result: O) {
    super('dry run rollback');
  }
}

/** Serialization failure and deadlock: safe to run the whole flow again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

export function createFlowRunner(deps: {
  db: Kysely<Database>;
  clock: Clock;
  policy: PolicyBook;
  onCommit?: () => void;
  /** The verified-credentials cache; each run gets a scope of it, settled the moment its transaction ends. */
  credentials?: CredentialsCache;
  dnsLimits?: DnsZoneLimits;
  /** When each account's expired idempotency keys were last pruned (prune-schedule.ts); absent: by every request. */
  prunes?: PruneSchedule;
}): FlowRunner {
  const committed = deps.onCommit ?? (() => {});
  const cache = deps.credentials;
  return {
    async run<I, O>(flow: Flow<I, O>, input: I, options: RunOptions): Promise<O> {
      if (cache === undefined) return runFlow(flow, input, options, undefined);
      const scope = new CredentialsScope(cache);
      try {
        return await runFlow(flow, input, options, scope);
      } finally {
        scope.settle();
      }
    },
  };

  async function runFlow<I, O>(flow: Flow<I, O>, input: I, options: RunOptions, credentials: CredentialsScope | undefined): Promise<O> {
    const now = options.now ?? deps.clock.now();
    const oneStatement = options.dryRun ? undefined : (ONE_STATEMENT_PATHS.get(flow) as OneStatementPath<I, O> | undefined);
    if ((READ_ONLY_FLOWS.has(flow) && !options.dryRun) || oneStatement) {
      const ctx: FlowContext = { db: deps.db, now, actor: options.actor, policy: deps.policy, source: options.source ?? 'core', credentials, dnsLimits: deps.dnsLimits, prunes: deps.prunes };
      try {
        if (!oneStatement) return await flow(ctx, input);
        const done = await oneStatement(ctx, input);
        if (done !== undefined) {
          // A credential answered from the cache, or a path that only reads, wrote nothing: no commit to announce.
          if (!credentials?.answeredFromCache && !READING_PATHS.has(flow)) committed();
          return done;
        }
      } catch (err) {
        throw translateDatabaseError(err);
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await deps.db.transaction().execute(async (trx) => {
          const ctx: FlowContext = {
            db: trx,
            now,
            actor: options.actor,
            policy: deps.policy,
            source: options.source ?? 'core',
            credentials,
            dnsLimits: deps.dnsLimits,
            prunes: deps.prunes,
          };
          const result = await flow(ctx, input);
          if (options.dryRun) throw new DryRunRollback(result);
          return result;
        });
        committed();
        return result;
      } catch (err) {
        if (err instanceof DryRunRollback) return err.result as O;
        const sqlstate = (err as { code?: unknown }).code;
        if (typeof sqlstate === 'string' && RETRYABLE_SQLSTATES.has(sqlstate) && attempt < MAX_ATTEMPTS) continue;
        throw translateDatabaseError(err);
      }
    }
  }
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Constraints are the last line of defence (a concurrent writer won a race
 * the flow's own checks could not see); they surface as the same typed
 * errors the checks would have thrown.
 */
export function translateDatabaseError(err: unknown): unknown {
  const e = err as PgErrorLike;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') return err;
  const keyValue = /\)=\((.*)\)/.exec(e.detail ?? '')?.[1] ?? '';
  if (e.code === '23505') {
    if (e.constraint === 'domains_live_name_key') return new DomainNotAvailable(keyValue);
    if (e.constraint === 'accounts_email_key') return new EmailAlreadyUsed(keyValue);
    if (e.constraint === 'accounts_push_username_key') return new PushUsernameTaken(keyValue);
    if (e.constraint === 'transfers_one_pending') return new TransferAlreadyPending(`domain #${keyValue}`);
    if (e.constraint === 'push_domains_one_open') return new PushAlreadyPending(`domain #${keyValue}`);
    if (e.constraint === 'hosts_name_key') return new HostAlreadyExists(keyValue);
    if (e.constraint === 'nssets_handle_key') return new NssetAlreadyExists(keyValue);
    // key reads "(account_id, name)=(7, Clients)"
    if (e.constraint === 'folders_account_id_name_key') return new FolderAlreadyExists(keyValue.split(', ').slice(1).join(', '));
    if (e.constraint === 'drop_requests_one_pending') return dropRequestExists(keyValue);
  }
  if (e.code === '23514' && e.constraint === 'balances_check') return new InsufficientFunds('', 0, 0);
  return err;
}

/** The key of drop_requests_one_pending reads "(account_id, kind, domain_name)=(7, preorder, example.com)". */
function dropRequestExists(keyValue: string): DropRequestExists {
  const [, kind = 'drop request', name = keyValue] = keyValue.split(', ');
  return new DropRequestExists(kind, name);
}
