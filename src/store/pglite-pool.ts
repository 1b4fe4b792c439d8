/**
 * A pg-Pool-shaped adapter over PGlite, so Kysely's own PostgresDialect drives
 * the embedded database exactly as it drives a PostgreSQL server.
 *
 * PGlite has a single backend connection. A transaction is a sequence of
 * queries on one connection, so `connect()` hands out the connection under a
 * mutex: the next caller waits until the previous one releases it. Concurrent
 * flows therefore serialise on the embedded database, as they would on one
 * PostgreSQL connection.
 */
import type { PGlite } from '@electric-sql/pglite';

interface PoolClientLike {
  query(sql: string, params: readonly unknown[]): Promise<{ command: string; rowCount: number; rows: unknown[] }>;
  release(): void;
}

const WRITE_COMMAND = /^\s*(insert|update|delete|merge)\b/i;

export class PGlitePool {
  readonly #db: PGlite;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

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
      async query(sql, params) {
        // Without parameters use the simple protocol (as node-postgres does), so
        // multi-statement scripts such as migrations run on both backends.
        const res = params.length === 0
          ? ((await db.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await db.query(sql, params as unknown[]);
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

  async end(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    await this.#db.close();
  }
}
