/**
 * Registrations that run on their own (the one-statement path of
 * registerDomain: KifDom `POST /domains`, Dynadot `register`, WAPI
 * `domain-create`…), written together per account by one statement,
 * `regd_register_domains` (migration 0027; issue 15).
 *
 * An account has at most one such statement in flight. A registration
 * that finds none is sent after the I/O callbacks of the current turn of
 * the event loop (so requests that arrived together go together; on an
 * idle registrar that is the same turn); those that arrive while one is in
 * flight wait for it, as they would have anyway (every registration of an
 * account charges that account's balance row, and on PGlite every
 * statement waits for the one connection), and then go as one statement,
 * up to MAX_BATCH at a time. Each item answers exactly what its own call
 * would have (the SQL function calls regd_register_domain once per item):
 * an item a guard refuses writes nothing and its caller goes on as after a
 * lone call. A statement that fails as a whole (a concurrent writer took
 * one of the names or the funds, deleted one of the contacts; a deadlock)
 * has written nothing; its items are then sent again one at a time, so
 * each caller gets its own outcome or error, as before.
 *
 * Measured (bench:api, Dynadot register, 10 connections): on PGlite the
 * registrations that arrive together now share a statement (5–10 per
 * statement); on PostgreSQL, 3–5 per statement, one commit and one charge
 * of the balance row for them all.
 *
 * When a statement returns and registrations wait for the next, which goes
 * first depends on where the database runs (`sendNextFirst`, set by the
 * engine from the store):
 *
 * - a database server (PostgreSQL): the next statement is sent first, and
 *   the returned statement's callers are answered once it is on its way
 *   (in the check phase of the same turn of the event loop). The server
 *   then writes the next registrations while this process renders the
 *   answers, instead of waiting for those answers before it gets work: an
 *   account's registrations were otherwise serialized on this process's
 *   rendering and the database's statement in turn. Measured (two servers
 *   side by side, alternating 1 s turns, 10 connections): KifDom POST
 *   +20 %, Dynadot register +18 % answers per second.
 * - the embedded database (PGlite) runs a statement on this very thread:
 *   sending the next first would hold the answers until it has run, while
 *   their clients could have been preparing their next requests; the
 *   callers are answered first, as the statement returns.
 *
 * One set of queues per database handle (the engine's root Kysely
 * instance), only for statements that autocommit: a registration inside a
 * transaction never comes here.
 */
import { sql } from 'kysely';
import type { Db } from '../../../store/index.ts';

/** The arguments of one regd_register_domain call, as migration 0027 reads them. */
export interface RegistrationCall {
  readonly account: number;
  readonly require_active: boolean;
  readonly currency: string | null;
  readonly prices: Readonly<Record<string, number>>;
  readonly accept_total: number | null;
  readonly order_status: string;
  readonly source: string;
  readonly memo: string;
  readonly now: Date;
  readonly domain: object;
  readonly refuse_template: boolean;
  /** Contact columns to fill from the account's contacts by public number. */
  readonly contacts?: Readonly<Record<string, number>>;
  /**
   * An idempotent request (migration 0028): its key claimed in the same
   * statement; a key already there answers `replay` with its record.
   * `prune`: the account's keys older than `cutoff` are deleted too (migration
   * 0029; at most once per statement).
   */
  readonly request?: { readonly fn: string; readonly params_hash: string; readonly cutoff: Date; readonly prune?: boolean };
  /** What the request's record keeps besides the row, order number and quote (migration 0028). */
  readonly keep?: object;
  /** The account's balances and domain count as the statement leaves them, in `o_account` (migration 0028). */
  readonly summary?: boolean;
}

/** One item's answer: the out parameters of regd_register_domain, and the contact ids looked up. */
export interface RegistrationRow {
  readonly o_index: number;
  readonly o_outcome: string;
  readonly o_currency: string | null;
  readonly o_template: unknown;
  readonly o_order_id: number | null;
  readonly o_order_number: string | null;
  readonly o_domain_id: number | null;
  readonly o_contact_ids: Record<string, number> | null;
  /** `replay`: the stored record of the request's first success. */
  readonly o_response: string | null;
  /** For a call with `summary`: the account after the statement, as JSON (migration 0028). */
  readonly o_account?: string;
}

/**
 * At most this many registrations per statement: each is a subtransaction
 * (regd_register_domain's exception block), and PostgreSQL keeps 64 of a
 * transaction's subtransactions in shared memory before every snapshot
 * taken elsewhere has to look them up the slow way.
 */
export const MAX_BATCH = 32;

interface Waiting {
  readonly call: RegistrationCall;
  readonly resolve: (row: RegistrationRow) => void;
  readonly reject: (err: unknown) => void;
}

export interface BatchOptions {
  /** The next statement is sent before the returned one's callers are answered (a database server; see above). Default false. */
  readonly sendNextFirst?: boolean;
}

class RegistrationBatches {
  readonly #db: Db;
  /** Accounts with a statement in flight (or about to be sent), and the registrations waiting for the next. */
  readonly #accounts = new Map<number, Waiting[]>();
  /** Set by configureRegistrationBatches (the engine, from its store). */
  sendNextFirst = false;

  constructor(db: Db) {
    this.#db = db;
  }

  submit(call: RegistrationCall): Promise<RegistrationRow> {
    return new Promise((resolve, reject) => {
      const item: Waiting = { call, resolve, reject };
      const queue = this.#accounts.get(call.account);
      if (queue !== undefined) {
        queue.push(item);
        return;
      }
      const started = [item];
      this.#accounts.set(call.account, started);
      // Sent after the I/O callbacks of this turn of the event loop: requests that arrived together go together.
      setImmediate(() => void this.#drain(call.account, started));
    });
  }

  async #drain(account: number, queue: Waiting[]): Promise<void> {
    // The callers of the statement that returned last, not yet answered (sendNextFirst).
    let unanswered: (() => void) | undefined;
    while (queue.length > 0) {
      const next = this.#write(queue.splice(0, MAX_BATCH));
      // The statement's own sending runs in promise jobs; the check phase comes after them.
      if (unanswered !== undefined) setImmediate(unanswered);
      const answer = await next;
      if (this.sendNextFirst && queue.length > 0) unanswered = answer;
      else {
        unanswered = undefined;
        answer();
      }
    }
    this.#accounts.delete(account);
  }

  /** Runs one statement for `batch`; what it resolves to answers the batch's callers (each gets its row, or the error). */
  async #write(batch: readonly Waiting[]): Promise<() => void> {
    let rows: readonly RegistrationRow[];
    try {
      rows = await this.#statement(batch.map((w) => w.call));
    } catch (err) {
      if (batch.length === 1) return () => batch[0]!.reject(err);
      // Nothing was written: each registration again on its own, for its own outcome or error.
      for (const w of batch) (await this.#write([w]))();
      return () => {};
    }
    return () => {
      for (const row of rows) batch[row.o_index]!.resolve(row);
    };
  }

  async #statement(calls: readonly RegistrationCall[]): Promise<readonly RegistrationRow[]> {
    const { rows } = await sql<RegistrationRow>`select * from regd_register_domains(${JSON.stringify(calls)}::jsonb)`.execute(this.#db);
    // With a call asking for the account, a last row (index -1) holds it.
    const account = rows.at(-1)?.o_index === -1 ? rows.pop()!.o_response! : undefined;
    if (rows.length !== calls.length) throw new Error(`regd_register_domains answered ${rows.length} rows for ${calls.length} registrations`);
    return account === undefined ? rows : rows.map((r) => (calls[r.o_index]!.summary ? { ...r, o_account: account } : r));
  }
}

const BATCHES = new WeakMap<Db, RegistrationBatches>();

function batchesOf(db: Db): RegistrationBatches {
  let batches = BATCHES.get(db);
  if (batches === undefined) {
    batches = new RegistrationBatches(db);
    BATCHES.set(db, batches);
  }
  return batches;
}

/** How the batches of one database handle run (the engine sets it from its store). */
export function configureRegistrationBatches(db: Db, options: BatchOptions): void {
  batchesOf(db).sendNextFirst = options.sendNextFirst ?? false;
}

/** Writes one registration that autocommits, gathered with its account's others (see above). */
export function registerInBatch(db: Db, call: RegistrationCall): Promise<RegistrationRow> {
  return batchesOf(db).submit(call);
}
