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
 * - What pg derives from a statement's row description (its field list, a
 *   type parser per column and the empty row each row is copied from) is
 *   built once per connection and statement, then reused while the
 *   description the server sends is the same (names, types, formats): for
 *   a registrar read of some 60 columns, building it took longer than
 *   parsing the row. And a named query is handed to pg as a Query built
 *   from its text, not as a config object, which pg copies property by
 *   property on every call.
 * - Once a connection knows a statement's row description, its executions
 *   go without Describe (Bind, Execute, Sync): the server builds and sends
 *   no RowDescription, and the result takes the kept shape.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

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
  /** Statement name → what pg built from its row description. */
  readonly shapes: Map<string, RowShape>;
  inTransaction: boolean;
}

interface FieldDescription {
  readonly name: string;
  readonly dataTypeID: number;
  readonly format?: string;
}

/** What pg's Result (pg 8) keeps of a row description: the fields, a parser per column, the empty row. */
interface RowShape {
  readonly fields: readonly FieldDescription[];
  readonly parsers: readonly unknown[];
  readonly prebuilt: object;
}

/** The parts of pg's Query and Result a NamedQuery reads and sets. */
interface ResultInternals {
  fields: readonly FieldDescription[];
  _parsers: readonly unknown[] | undefined;
  _prebuiltEmptyResultObject: object;
}
interface QueryInternals {
  _result: ResultInternals;
  _accumulateRows: boolean;
  callback: unknown;
  _checkForMultirow(): void;
  handleRowDescription(msg: { readonly fields: readonly FieldDescription[] }): void;
  listeners(event: string): unknown[];
}

/** The parts of pg's Query its prepare reads (pg 8.x lib/query.js). */
interface PrepareInternals {
  readonly portal: string;
  readonly name: string;
  readonly values: unknown[];
  readonly binary: boolean | undefined;
  readonly rows: number | undefined;
  hasBeenParsed(connection: unknown): boolean;
  handleError(err: unknown, connection: unknown): void;
  _getRows(connection: unknown, rows: number | undefined): void;
}

/** The messages of pg's Connection a prepare sends. */
interface PgConnection {
  bind(config: object): void;
  close(msg: object): void;
  sync(): void;
}

const basePrepare = (pg.Query.prototype as unknown as { prepare?: unknown }).prepare as (this: unknown, connection: unknown) => void;
if (typeof basePrepare !== 'function') throw new Error('prepared-pool: pg.Query has no prepare (pg 8 expected)');
const prepareValue = (pg as unknown as { utils?: { prepareValue?: unknown } }).utils?.prepareValue;
if (typeof prepareValue !== 'function') throw new Error('prepared-pool: pg.utils has no prepareValue (pg 8 expected)');

const baseHandleRowDescription = (pg.Query.prototype as unknown as QueryInternals).handleRowDescription;
if (typeof baseHandleRowDescription !== 'function') throw new Error('prepared-pool: pg.Query has no handleRowDescription (pg 8 expected)');

function sameFields(a: readonly FieldDescription[], b: readonly FieldDescription[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.dataTypeID !== y.dataTypeID || x.name !== y.name || (x.format ?? 'text') !== (y.format ?? 'text')) return false;
  }
  return true;
}

/** The result takes a kept shape: the fields, a parser per column and the empty row, as pg's own handleRowDescription sets them. */
function takeShape(query: QueryInternals, shape: RowShape): void {
  const r = query._result;
  r.fields = shape.fields;
  if (shape.fields.length > 0) r._parsers = shape.parsers;
  r._prebuiltEmptyResultObject = shape.prebuilt;
  query._accumulateRows = Boolean(query.callback) || query.listeners('row').length === 0;
}

/** A named statement's execution whose row description, when unchanged, reuses what pg built the first time. */
class NamedQuery extends pg.Query {
  readonly #shapes: Map<string, RowShape>;
  readonly #name: string;

  constructor(name: string, text: string, values: unknown[], shapes: Map<string, RowShape>, callback: (err: Error | undefined, res: unknown) => void) {
    super(text, values, callback);
    (this as unknown as { name: string }).name = name;
    this.#name = name;
    this.#shapes = shapes;
  }

  /**
   * pg's prepare, without the Describe message once this connection has
   * parsed the statement and its row description is known: the server then
   * sends no RowDescription (for a registrar read, some 80 fields built,
   * sent and parsed on every call) and the result takes the known shape. A
   * statement whose result type changed under it fails on the server
   * ("cached plan must not change result type"), which `run` handles.
   */
  prepare(connection: unknown): void {
    const self = this as unknown as QueryInternals & PrepareInternals;
    const shape = this.#shapes.get(this.#name);
    if (shape === undefined || !self.hasBeenParsed(connection)) {
      basePrepare.call(this, connection);
      return;
    }
    takeShape(self, shape);
    const c = connection as PgConnection;
    try {
      c.bind({ portal: self.portal, statement: self.name, values: self.values, binary: self.binary, valueMapper: prepareValue });
    } catch (err) {
      c.close({ type: 'S', name: self.name });
      c.sync();
      self.handleError(err, connection);
      return;
    }
    self._getRows(connection, self.rows);
  }

  handleRowDescription(msg: { readonly fields: readonly FieldDescription[] }): void {
    const self = this as unknown as QueryInternals;
    const shape = this.#shapes.get(this.#name);
    if (shape === undefined || !sameFields(shape.fields, msg.fields)) {
      baseHandleRowDescription.call(this, msg);
      const r = self._result;
      this.#shapes.set(this.#name, { fields: r.fields, parsers: r._parsers ?? [], prebuilt: r._prebuiltEmptyResultObject });
      return;
    }
    self._checkForMultirow();
    takeShape(self, shape);
  }
}

function namedQuery(client: pg.PoolClient, state: ClientState, name: string, sql: string, params: readonly unknown[]): Promise<QueryResultLike> {
  return new Promise((resolve, reject) => {
    client.query(new NamedQuery(name, sql, params as unknown[], state.shapes, (err, res) => (err ? reject(err) : resolve(res as QueryResultLike))));
  });
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
        shapes: new Map(),
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
    return await namedQuery(client, state, name, sql, params);
  } catch (err) {
    if (!isReplanFailure(err)) throw err;
    state.names.set(sql, null);
    state.shapes.delete(name);
    if (state.inTransaction) throw err;
    return client.query(sql, params as unknown[]);
  }
}
