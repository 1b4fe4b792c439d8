/**
 * Freenom request parameters. Real clients send them in the query string,
 * in a form body, or both, on any method (GET and DELETE included); a
 * "multiple" parameter is a repeated key, or PHP's array form (`name[]`,
 * `name[0]`: the brackets are dropped). Everything lands in one ordered
 * multimap (query first, then body) whose readers enforce the wire rules:
 * a single-valued parameter given twice with different values is refused,
 * an empty value counts as absent.
 */
import { createHash } from 'node:crypto';
import { WireError } from './errors.ts';

/** Form bodies and GET bodies larger than this are refused (Freenom parameters are small). */
export const MAX_BODY_BYTES = 64 * 1024;

/** How a body's text becomes key/value pairs (also the @fastify/formbody parser). */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(text)) addValue(out, key, value);
  return out;
}

/** A multipart/form-data body (PHP's curl sends arrays this way): text fields only. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<Record<string, string | string[]>> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new WireError('Invalid data: malformed multipart body');
  }
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of form) {
    if (typeof value !== 'string') throw new WireError(`Invalid data: parameter ${key} must be a text value, not a file`);
    addValue(out, key, value);
  }
  return out;
}

function addValue(out: Record<string, string | string[]>, key: string, value: string): void {
  const prev = out[key];
  if (prev === undefined) out[key] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[key] = [prev, value];
}

/**
 * PHP's array syntax, as http_build_query and PHP forms send arrays:
 * `nameserver[]=…` or `nameserver[0]=…` (any index between the brackets,
 * one level). The brackets are dropped: the values join the parameter's list.
 */
const PHP_ARRAY_KEY = /^([^[\]]+)\[([^[\]]*)\]$/;

/** Parameters that identify the caller or the transport, never part of "the same action". */
const NOT_PART_OF_ACTION = new Set(['email', 'password', 'method']);

export class Params {
  readonly #values: ReadonlyMap<string, readonly string[]>;
  readonly #arrays: ReadonlySet<string>;

  private constructor(values: Map<string, string[]>, arrays: ReadonlySet<string>) {
    this.#values = values;
    this.#arrays = arrays;
  }

  /** Query parameters, then body parameters (a flat object: form, multipart or JSON). */
  static from(...sources: readonly unknown[]): Params {
    const values = new Map<string, string[]>();
    const arrays = new Set<string>();
    /** Per PHP array parameter: explicit index → position in its list (a repeated index replaces, as PHP does). */
    const positions = new Map<string, Map<string, number>>();
    for (const source of sources) {
      if (source === undefined || source === null) continue;
      if (typeof source !== 'object' || Array.isArray(source)) throw new WireError('Invalid data: the body must be a set of named parameters');
      for (const [rawKey, raw] of Object.entries(source as Record<string, unknown>)) {
        const php = PHP_ARRAY_KEY.exec(rawKey);
        const key = php ? php[1]! : rawKey;
        const list = values.get(key) ?? [];
        values.set(key, list);
        if (php) arrays.add(key);
        for (const item of Array.isArray(raw) ? raw : [raw]) {
          const value = scalar(rawKey, item);
          const index = php?.[2];
          if (index === undefined || index === '') {
            list.push(value);
            continue;
          }
          const seen = positions.get(key) ?? new Map<string, number>();
          positions.set(key, seen);
          const at = seen.get(index);
          if (at === undefined) seen.set(index, list.push(value) - 1);
          else list[at] = value;
        }
      }
    }
    return new Params(values, arrays);
  }

  /** The names given with a value (empty values count as absent), in order of first appearance. */
  names(): readonly string[] {
    return [...this.#values.entries()].filter(([, v]) => v.some((x) => x !== '')).map(([k]) => k);
  }

  /** Whether the parameter came (also) in a PHP array form: name[]=… or name[0]=…. */
  givenAsArray(name: string): boolean {
    return this.#arrays.has(name) && this.has(name);
  }

  /** The one value of a parameter; undefined when absent or empty. */
  one(name: string): string | undefined {
    const list = (this.#values.get(name) ?? []).filter((v) => v !== '');
    if (list.length === 0) return undefined;
    if (list.some((v) => v !== list[0])) throw new WireError(`Invalid data: parameter ${name} may be given only once`);
    return list[0];
  }

  /** Like `one`, but an explicitly empty value is kept ('' clears an optional contact field). */
  oneOrEmpty(name: string): string | undefined {
    if (!this.#values.has(name)) return undefined;
    return this.one(name) ?? '';
  }

  required(name: string): string {
    const v = this.one(name);
    if (v === undefined) throw new WireError(`Missing parameter: ${name}`);
    return v;
  }

  /** Every non-empty value of a "multiple" parameter, in request order. */
  many(name: string): readonly string[] {
    return (this.#values.get(name) ?? []).filter((v) => v !== '');
  }

  has(name: string): boolean {
    return this.many(name).length > 0;
  }

  /**
   * What identifies an action for the 30-second POST idempotency: every
   * parameter except the credentials and the method override, keys sorted,
   * each key's values in request order, hashed.
   */
  actionHash(): string {
    const entries = [...this.#values.entries()]
      .filter(([k]) => !NOT_PART_OF_ACTION.has(k))
      .map(([k, v]) => [k, v.filter((x) => x !== '')] as const)
      .filter(([, v]) => v.length > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
  }
}

function scalar(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new WireError(`Invalid data: parameter ${key} must be a text value`);
}

// ---- value readers: the wire forms of Freenom's typed parameters ----

/** "enabled" / "disabled" (idshield, autorenew), case-insensitive. */
export function enabledFlag(params: Params, name: string): boolean | undefined {
  const v = params.one(name);
  if (v === undefined) return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'enabled') return true;
  if (s === 'disabled') return false;
  throw new WireError(`Invalid value for ${name}: enabled or disabled is required`);
}

export type DomainType = 'FREE' | 'PAID';

export function domainType(params: Params, name = 'domaintype'): DomainType {
  const s = params.required(name).trim().toUpperCase();
  if (s !== 'FREE' && s !== 'PAID') throw new WireError(`Invalid value for ${name}: PAID or FREE is required`);
  return s;
}

/** "1Y".."10Y", "1M".."12M" (case-insensitive) → months; which periods a domain may use is the engine's rule. */
export function periodMonths(params: Params, name = 'period'): number | undefined {
  const v = params.one(name);
  return v === undefined ? undefined : periodValueMonths(v, name);
}

/** One period value ("2Y", "3M") → months. */
export function periodValueMonths(v: string, name = 'period'): number {
  const m = /^\s*(\d{1,3})\s*([MY])\s*$/i.exec(v);
  if (!m) throw new WireError(`Invalid value for ${name}: a period such as 1Y (years) or 3M (months) is required`);
  return Number(m[1]) * (m[2]!.toUpperCase() === 'Y' ? 12 : 1);
}

/** A numeric contact id. */
export function contactId(params: Params, name: string): number | undefined {
  const v = params.one(name);
  if (v === undefined) return undefined;
  return contactIdValue(v, name);
}

export function contactIdValue(v: string, name: string): number {
  const s = v.trim();
  if (!/^\d{1,15}$/.test(s) || Number(s) < 1) throw new WireError(`Invalid value for ${name}: a contact id (positive number) is required`);
  return Number(s);
}

/** A positive whole number within [min, max], or the default. */
export function wholeNumber(params: Params, name: string, fallback: number, min: number, max: number): number {
  const v = params.one(name);
  if (v === undefined) return fallback;
  const s = v.trim();
  if (!/^\d{1,9}$/.test(s) || Number(s) < min || Number(s) > max) {
    throw new WireError(`Invalid value for ${name}: a whole number from ${min} to ${max} is required`);
  }
  return Number(s);
}
