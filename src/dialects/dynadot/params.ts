/**
 * Dynadot request parameters: the query string and, for POST, a form or
 * multipart body, in one multimap (query first). API3 is a Java servlet
 * API: a parameter given twice answers its first value, as
 * `getParameter` does; names are case-sensitive. The readers throw the
 * command's own error envelope (DynadotError) on the first problem, in the
 * words of errors.ts.
 */
import { DynadotError } from './errors.ts';

/** Larger bodies are refused (a set_dns2 with every family filled is ~20 kB). */
export const MAX_BODY_BYTES = 256 * 1024;

export class Params {
  readonly #values: ReadonlyMap<string, readonly string[]>;
  /** Names a reader asked for: what the command understood (see unread()). */
  readonly #read = new Set<string>();

  private constructor(values: Map<string, string[]>) {
    this.#values = values;
  }

  /** Query parameters, then body parameters (flat objects of strings or string arrays). */
  static from(...sources: readonly unknown[]): Params {
    const values = new Map<string, string[]>();
    for (const source of sources) {
      if (source === undefined || source === null || typeof source !== 'object') continue;
      for (const [key, raw] of Object.entries(source as Record<string, unknown>)) {
        const list = Array.isArray(raw) ? raw : [raw];
        for (const v of list) {
          if (typeof v !== 'string') continue;
          const prev = values.get(key);
          if (prev === undefined) values.set(key, [v]);
          else prev.push(v);
        }
      }
    }
    return new Params(values);
  }

  /** Every parameter name (for the numbered families). */
  names(): IterableIterator<string> {
    return this.#values.keys();
  }

  has(name: string): boolean {
    this.#read.add(name);
    return this.#values.has(name);
  }

  /** The first value, trimmed; undefined when absent. */
  one(name: string): string | undefined {
    this.#read.add(name);
    const v = this.#values.get(name)?.[0];
    return v === undefined ? undefined : v.trim();
  }

  /** The first value, as sent (set_note keeps its spaces). */
  raw(name: string): string | undefined {
    this.#read.add(name);
    return this.#values.get(name)?.[0];
  }

  /** A value that must be there and not empty. */
  required(name: string): string {
    const v = this.one(name);
    if (v === undefined || v === '') throw DynadotError.missing(name);
    return v;
  }

  /** The first present name of several spellings (the document's table and its examples disagree on some). */
  oneOf(...names: readonly string[]): string | undefined {
    for (const n of names) {
      const v = this.one(n);
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  }

  /** An optional value from a closed set (compared case-insensitively); default when absent or empty. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  choice<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.one(name);
    if (v === undefined || v === '') return fallback;
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (hit === undefined) throw DynadotError.invalid(name, v);
    return hit;
  }

  /** A required value from a closed set. */
  requiredChoice<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.choice(name, allowed);
    if (v === undefined) throw DynadotError.missing(name);
    return v;
  }

  /** An optional non-negative integer. */
  integer(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.one(name);
    if (v === undefined || v === '') return undefined;
    if (!/^\d{1,15}$/.test(v)) throw DynadotError.invalid(name, v);
    const n = Number(v);
    if (n < min || n > max) throw DynadotError.invalid(name, v);
    return n;
  }

  requiredInteger(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const n = this.integer(name, min, max);
    if (n === undefined) throw DynadotError.missing(name);
    return n;
  }

  /** A `1`/`0` (or yes/no, true/false) flag; absent or empty: false. */
  flag(name: string): boolean {
    const v = this.one(name)?.toLowerCase();
    if (v === undefined || v === '' || v === '0' || v === 'no' || v === 'false') return false;
    if (v === '1' || v === 'yes' || v === 'true') return true;
    throw DynadotError.invalid(name, this.one(name)!);
  }

  /**
   * A numbered family `prefix0`…`prefix{max-1}` (domain0–domain99, ns0–ns12):
   * the present, non-empty values by index. A number outside the range is
   * refused; gaps are allowed (the real service reads each index).
   */
  family(prefix: string, max: number): Map<number, string> {
    const out = new Map<number, string>();
    const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
    for (const name of this.#values.keys()) {
      const m = re.exec(name);
      if (m === null) continue;
      this.#read.add(name);
      const i = Number(m[1]);
      if (m[1]!.length > 1 && m[1]!.startsWith('0')) continue;
      if (i >= max) throw DynadotError.tooMany(prefix, max);
      const v = this.one(name);
      if (v !== undefined && v !== '') out.set(i, v);
    }
    return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
  }

  /** A comma-separated list (set_* domain lists, delete_ns server ids): trimmed, empties dropped, at most `max`. */
  list(name: string, max: number, separator: string | RegExp = ','): string[] {
    const v = this.one(name);
    if (v === undefined || v === '') return [];
    const items = v.split(separator).map((s) => s.trim()).filter((s) => s !== '');
    if (items.length > max) throw DynadotError.tooMany(name, max);
    return items;
  }

  requiredList(name: string, max: number, separator: string | RegExp = ','): string[] {
    const items = this.list(name, max, separator);
    if (items.length === 0) throw DynadotError.missing(name);
    return items;
  }

  /**
   * Parameters sent with a value that no reader asked for: a parameter the
   * command does not understand (or a numbered one out of its family). The
   * router refuses them after parsing instead of answering a success that
   * ignored them; an empty value counts as absent.
   */
  unread(ignore: readonly string[]): string[] {
    const skip = new Set(ignore);
    return [...this.#values].filter(([name, values]) => !this.#read.has(name) && !skip.has(name) && values.some((v) => v.trim() !== '')).map(([name]) => name);
  }
}
