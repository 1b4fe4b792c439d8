/**
 * A pg-Pool-shaped wrapper that runs every parameterised statement as a
 * named prepared statement of its connection, so PostgreSQL parses a query
 * text once per connection (and, once its plan cache settles on a generic
 * plan, plans it once) instead of on every call. The application's
 * statements are few shapes run many times: the parse and plan of a
 * registrar read with its subqueries cost several times its execution.
 *
 * - The name is a hash of the text, so one text is one statement on every
 *   connection; pg's client sends Parse only the first time it sees a name
 *   on its connection, then Bind/Execute.
 * - Statements without parameters (BEGIN, COMMIT, multi-statement scripts
 *   such as migrations) keep the simple protocol.
 * - A connection names at most MAX_NAMED texts (each holds parse trees and
 *   plans in the server process; a query built with a
 *   variable IN list makes a text per list length); later texts run
 *   unnamed, as before.
 * - A table changed under a prepared `select *` (another process migrating
 *   the database) fails with "cached plan must not change result type": that
 *   text then runs unnamed on that connection; outside a transaction the
 *   call is retried at once, inside one the error stands (the transaction is
 *   already aborted) and the flow fails as on any database error.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const MAX_NAMED = 500;

interface QueryResultLike {
  readonly command: string;
  readonly rowCount: number | null;
  readonly rows: unknown[];
}

export interface PreparedClient {
  query(sql: string, params: readonly unknown[]): Promise<QueryResultLike>;
  release(err?: Error | boolean): void;
}

interface ClientState {
  readonly wrapper: PreparedClient;
  /** Text → statement name, for texts this connection has named (or `null`: runs unnamed). */
  readonly names: Map<string, string | null>;
  inTransaction: boolean;
}

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;

function statementName(sql: string): string {
  return `regd_${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
}

function isReplanFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan');
}

export class PreparedStatementPool {
  readonly #pool: pg.Pool;
  readonly #clients = new WeakMap<pg.PoolClient, ClientState>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** The wrapped pool (pool statistics: totalCount, idleCount, waitingCount). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async connect(): Promise<PreparedClient> {
    const client = await this.#pool.connect();
    let state = this.#clients.get(client);
    if (state === undefined) {
      const names = new Map<string, string | null>();
      const s: ClientState = {
        names,
        inTransaction: false,
        wrapper: {
          query: (sql, params) => run(client, s, sql, params),
          release: (err) => client.release(err),
        },
      };
      state = s;
      this.#clients.set(client, state);
    }
    return state.wrapper;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

async function run(client: pg.PoolClient, state: ClientState, sql: string, params: readonly unknown[]): Promise<QueryResultLike> {
  if (params.length === 0) {
    if (TRANSACTION_START.test(sql)) state.inTransaction = true;
    else if (TRANSACTION_END.test(sql)) state.inTransaction = false;
    return client.query(sql);
  }
  let name = state.names.get(sql);
  if (name === undefined) {
    name = state.names.size < MAX_NAMED ? statementName(sql) : null;
    state.names.set(sql, name);
  }
  if (name === null) return client.query(sql, params as unknown[]);
  try {
    return await client.query({ name, text: sql, values: params as unknown[] });
  } catch (err) {
    if (!isReplanFailure(err)) throw err;
    state.names.set(sql, null);
    if (state.inTransaction) throw err;
    return client.query(sql, params as unknown[]);
  }
}
