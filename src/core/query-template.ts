/**
 * A query of the hot paths built and compiled by Kysely once per shape,
 * then run with each call's values: building a read with a dozen
 * subqueries and compiling it cost more CPU than the database spent
 * answering it (a profile of KifDom's domain read: ~17% of the request).
 *
 * `build` receives stand-ins for the named values; the compiled SQL is kept
 * with the places each value goes, and later calls send the same SQL text
 * (one prepared statement on PostgreSQL) with their own values. Whatever
 * else shapes the query (which subqueries are included) belongs in `shape`.
 * A build that does anything with a value but pass it to the query (compare
 * it, transform it) cannot be a template: that is detected, and such a
 * query is simply built on every call.
 */
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

type Values = Readonly<Record<string, unknown>>;

interface Compiled {
  /** The SQL text split at its parameters ($1, $2… in order). */
  readonly fragments: readonly string[];
  /** Per parameter: the value's name, or a constant of the query (wrapped). */
  readonly parameters: readonly ({ readonly name: string } | { readonly constant: unknown })[];
}

/** Stand-ins that common transforms (case, trim, arithmetic) would change, so a transformed value shows. */
const STAND_IN = ' \u0000RegdValue:';

export class QueryTemplate<V extends Values, R, S = undefined> {
  readonly #build: (db: Kysely<Database>, values: V, shape: S) => Compilable<R>;
  readonly #compiled = new Map<string, Compiled | null>();

  constructor(build: (db: Kysely<Database>, values: V, shape: S) => Compilable<R>) {
    this.#build = build;
  }

  /** Runs the query for `values`; `shape` (JSON data) is everything else the build depends on. */
  async execute(db: Kysely<Database>, values: V, shape: S): Promise<R[]> {
    const key = JSON.stringify(shape ?? null);
    let compiled = this.#compiled.get(key);
    if (compiled === undefined) {
      compiled = this.#compile(db, values, shape);
      this.#compiled.set(key, compiled);
    }
    if (compiled === null) return (await db.executeQuery(this.#build(db, values, shape))).rows;
    const args = compiled.parameters.map((p) => ('name' in p ? values[p.name] : p.constant));
    // A raw query of the same text and values: plugins see it as any other statement.
    const fragments = Object.assign([...compiled.fragments], { raw: compiled.fragments }) as TemplateStringsArray;
    return (await sql<R>(fragments, ...args).execute(db)).rows;
  }

  #compile(db: Kysely<Database>, values: V, shape: S): Compiled | null {
    const nameOf = new Map(Object.keys(values).map((k) => [`${STAND_IN}${k}\u0000 `, k]));
    const standIns = Object.fromEntries([...nameOf].map(([standIn, k]) => [k, standIn])) as unknown as V;
    const query = this.#build(db.withoutPlugins(), standIns, shape).compile();
    const fragments = query.sql.split(/\$\d+/);
    const numbers = [...query.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    if (numbers.length !== query.parameters.length || numbers.some((n, i) => n !== i + 1)) return null;
    const parameters = query.parameters.map((p) => {
      const name = typeof p === 'string' ? nameOf.get(p) : undefined;
      if (name !== undefined) return { name };
      return { constant: p };
    });
    // A stand-in that did not reach the query as itself (transformed, serialized, computed with): not a template.
    const transformed = (c: unknown) => Number.isNaN(c) || (c instanceof Date && Number.isNaN(c.getTime())) || /regdvalue:/i.test(JSON.stringify(c) ?? '');
    if (parameters.some((p) => 'constant' in p && transformed(p.constant))) return null;
    return { fragments, parameters };
  }
}
