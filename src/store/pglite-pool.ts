/**
 * A pg-Pool-shaped adapter over PGlite, so Kysely's own PostgresDialect drives
 * the embedded database exactly as it drives a PostgreSQL server.
 *
 * PGlite has a single backend connection. A transaction is a sequence of
 * queries on one connection, so `connect()` hands out the connection under a
 * mutex: the next caller waits until the previous one releases it. Concurrent
 * flows therefore serialise on the embedded database, as they would on one
 * PostgreSQL connection.
 *
 * A parameterised statement runs as a named prepared statement (as
 * prepared-pool.ts does on PostgreSQL): the first time its text is seen it
 * is parsed and described once; after that each call is one exchange with
 * the database (Bind, Describe, Execute, Sync) instead of PGlite's query(),
 * which parses, describes, binds and executes in five, planning each time.
 * The values are serialized and the rows parsed by PGlite's own serializers
 * and parsers, as query() does. The statement's columns come from its
 * description, read once when it is prepared: each call then sends Bind,
 * Execute and Sync only (no row description to produce and decode on every
 * call) and builds its rows with the parser of each column, chosen once.
 * The answer is taken as raw protocol bytes (execProtocolRawStream) and read
 * here: its data rows straight into rows, without PGlite's copy of the
 * output and its message objects (one per row, field and acknowledgement);
 * an answer holding an error is read by PGlite's own parser, so the error
 * thrown is the DatabaseError its query() throws. Notices and notifications
 * in an execution's answer are dropped (regd issues no LISTEN).
 */
import { parse as pgliteParse, protocol, types as pgliteTypes, type PGlite } from '@electric-sql/pglite';

interface PoolClientLike {
  query(sql: string, params: readonly unknown[]): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

const WRITE_COMMAND = /^\s*(insert|update|delete|merge)\b/i;

/** At most this many prepared texts (a variable IN list makes a text per length); later ones run through query(). */
export const MAX_PREPARED = 500;

interface Prepared {
  readonly name: string;
  /** The parameters' type oids, from the statement's description. */
  readonly types: readonly number[];
  /** The columns it returns (none: it returns no rows), from the same description, each with its parser. */
  readonly columns: readonly Column[];
}

interface Column {
  readonly name: string;
  readonly parse: ((text: string, typeId: number) => unknown) | undefined;
  readonly typeId: number;
}


type Result = { rows: unknown[]; affectedRows?: number };

export class PGlitePool {
  readonly #db: PGlite;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;
  /** Text → its prepared statement, or null: runs through query() (over the limit, or replanned under a changed table). */
  readonly #prepared = new Map<string, Prepared | null>();

  constructor(db: PGlite) {
    this.#db = db;
  }

  async connect(): Promise<PoolClientLike> {
    if (this.#closed) throw new Error('database is closed');
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => mine);
    await previous;
    const db = this.#db;
    let released = false;
    return {
      query: async (sql, params) => {
        // Without parameters use the simple protocol (as node-postgres does), so
        // multi-statement scripts such as migrations run on both backends.
        const res = params.length === 0
          ? ((await db.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await this.#execute(sql, params);
        const match = WRITE_COMMAND.exec(sql);
        return {
          command: match ? match[1]!.toUpperCase() : 'SELECT',
          rowCount: res.affectedRows ?? res.rows.length,
          rows: res.rows,
        };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async #execute(sql: string, params: readonly unknown[]): Promise<Result> {
    const db = this.#db;
    let prepared = this.#prepared.get(sql);
    if (prepared === undefined) {
      prepared = this.#prepared.size < MAX_PREPARED ? await this.#prepare(sql) : null;
      this.#prepared.set(sql, prepared);
    }
    if (prepared === null) return db.query(sql, params as unknown[]);
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = db.serializers[prepared.types[i]!];
      return serialize ? serialize(v) : String(v);
    });
    try {
      const answer = await this.#exchangeRaw([
        protocol.serialize.bind({ statement: prepared.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]);
      return resultOf(answer, prepared.columns);
    } catch (err) {
      // A table changed under a prepared select * (0A000 "cached plan must not change result type"): from now on through query().
      if ((err as { code?: unknown }).code !== '0A000') throw err;
      this.#prepared.set(sql, null);
      if (db.isInTransaction()) throw err;
      return db.query(sql, params as unknown[]);
    }
  }

  /** Parses and describes `sql` once as a named statement; a statement the database refuses throws its error (nothing kept). */
  async #prepare(sql: string): Promise<Prepared> {
    const name = `regd_${this.#prepared.size + 1}`;
    const messages = await this.#exchange([
      protocol.serialize.parse({ name, text: sql }),
      protocol.serialize.describe({ type: 'S', name }),
      protocol.serialize.sync(),
    ]);
    const described = messages.find((m) => m.name === 'rowDescription') as { readonly fields: readonly { readonly name: string; readonly dataTypeID: number }[] } | undefined;
    const parsers = this.#db.parsers as Record<number, Column['parse']>;
    const defaults = pgliteTypes.parsers as Record<number, Column['parse']>;
    const columns = (described?.fields ?? []).map((f) => ({ name: f.name, typeId: f.dataTypeID, parse: parsers[f.dataTypeID] ?? defaults[f.dataTypeID] }));
    return { name, types: pgliteParse.parseDescribeStatementResults(messages), columns };
  }

  /** One exchange of protocol messages, under PGlite's query lock (as query() and exec() take it: their exchanges never interleave). */
  async #exchange(parts: readonly Uint8Array[]) {
    const db = this.#db;
    return (await db._runExclusiveQuery(() => db.execProtocol(concat(parts)))).messages;
  }

  /** The same exchange, answered as the raw protocol bytes (copied out of PGlite's memory as they come). */
  async #exchangeRaw(parts: readonly Uint8Array[]): Promise<Buffer> {
    const db = this.#db;
    const chunks: Uint8Array[] = [];
    await db._runExclusiveQuery(() => db.execProtocolRawStream(concat(parts), { onRawData: (chunk) => void chunks.push(chunk.slice()) }));
    const data = chunks.length === 1 ? chunks[0]! : concat(chunks);
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  async end(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    await this.#db.close();
  }
}

const DATA_ROW = 0x44; // 'D'
const COMMAND_COMPLETE = 0x43; // 'C'
const ERROR_RESPONSE = 0x45; // 'E'

/**
 * The rows and the affected-row count of one execution's raw answer (what
 * parseResults answers, from the columns known in advance). Messages are a
 * type byte and a length (itself included); a data row is a field count and
 * each field as a length (-1: null) and its text. An error anywhere in the
 * answer is thrown (the rows read before it are dropped).
 */
function resultOf(data: Buffer, columns: readonly Column[]): Result {
  const rows: Record<string, unknown>[] = [];
  let affectedRows = 0;
  for (let o = 0; o + 5 <= data.length; ) {
    const type = data[o]!;
    const end = o + 1 + data.readInt32BE(o + 1);
    if (type === DATA_ROW) {
      const count = data.readInt16BE(o + 5);
      let p = o + 7;
      const row: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const length = data.readInt32BE(p);
        p += 4;
        const c = columns[i];
        if (length < 0) {
          if (c) row[c.name] = null;
          continue;
        }
        if (c) {
          const text = data.toString('utf8', p, p + length);
          row[c.name] = c.parse ? c.parse(text, c.typeId) : text;
        }
        p += length;
      }
      rows.push(row);
    } else if (type === ERROR_RESPONSE) {
      throw databaseErrorIn(data);
    } else if (type === COMMAND_COMPLETE) {
      const words = data.toString('utf8', o + 5, end - 1).split(' ');
      const n = parseInt(words[words.length - 1]!, 10);
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(words[0]!)) affectedRows += n;
    }
    o = end;
  }
  return { rows, affectedRows };
}

/** The error an answer holds, as PGlite's parser builds it (the DatabaseError its query() throws). */
function databaseErrorIn(data: Buffer): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(data, (m) => {
    if (error === undefined && m instanceof protocol.messages.DatabaseError) error = m;
  });
  return error ?? new Error('the database answered with an error that could not be read');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
