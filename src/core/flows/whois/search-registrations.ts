/**
 * RDAP domain search (`domains?name=`, RFC 9082 §3.2.1): the live
 * registrations whose name matches a pattern, in name order, at most
 * `limit`. A pattern is a name whose first label may end with `*` (any
 * further characters of that label, RFC 9082 §4.1): `exam*.com`, `exam*`
 * (any TLD), `*.com` is refused (a bare `*` would list a whole TLD).
 * U-labels match the stored Unicode names. Public data: any caller.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { toAscii } from '../../names.ts';

export const throws = ['INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface SearchRegistrationsInput {
  readonly pattern: string;
  readonly limit: number;
}

export interface SearchRegistrationsResult {
  /** A-labels, in order. */
  readonly names: readonly string[];
  /** More registrations matched than `limit`. */
  readonly truncated: boolean;
}

/** Characters of the prefix before the `*`: a search needs at least this many. */
export const MIN_SEARCH_PREFIX = 2;

export const searchRegistrations = markReadOnly(async function searchRegistrations(
  ctx: FlowContext,
  input: SearchRegistrationsInput,
): Promise<SearchRegistrationsResult> {
  const { column, like } = patternOf(input.pattern);
  const limit = input.limit;
  const names: string[] = [];
  let after = '';
  // Rows past their release instant the sweeper has not marked yet are skipped; read on until the page is full.
  for (;;) {
    const rows = await ctx.db.selectFrom('domains')
      .select(['name', 'tld', 'domain_type', 'created_at', 'create_completes_at', 'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at'])
      .where('released_at', 'is', null)
      .where(column, 'like', like)
      .where('name', '>', after)
      .orderBy('name')
      .limit(limit + 1)
      .execute();
    for (const r of rows) {
      if (projectDomainAt(r, ctx.policy.get(r.tld), ctx.now).state === 'released') continue;
      if (names.length === limit) return { names, truncated: true };
      names.push(r.name);
    }
    if (rows.length < limit + 1) return { names, truncated: false };
    after = rows.at(-1)!.name;
  }
});

function patternOf(raw: unknown): { column: 'name' | 'unicode_name'; like: string } {
  if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidValue('name', 'a domain name or pattern is required', raw);
  const pattern = raw.trim().replace(/\.$/, '').toLowerCase();
  const star = pattern.indexOf('*');
  if (star === -1) {
    const r = toAscii(pattern);
    if ('reason' in r) throw new InvalidValue('name', r.reason, raw);
    return { column: 'name', like: escapeLike(r.ascii) };
  }
  const firstDot = pattern.indexOf('.');
  if (pattern.indexOf('*', star + 1) !== -1 || (firstDot !== -1 && star > firstDot) || star !== (firstDot === -1 ? pattern.length : firstDot) - 1) {
    throw new InvalidValue('name', 'only one "*", at the end of the first label, is supported (e.g. exam*.com)', raw);
  }
  const prefix = pattern.slice(0, star);
  if ([...prefix].length < MIN_SEARCH_PREFIX) throw new InvalidValue('name', `at least ${MIN_SEARCH_PREFIX} characters are required before "*"`, raw);
  const rest = pattern.slice(star + 1);
  const unicode = /[^\x20-\x7e]/.test(pattern);
  if (!unicode && !/^[a-z0-9-]+$/.test(prefix)) throw new InvalidValue('name', 'a label may contain only letters, digits and hyphens', raw);
  let suffix = '';
  if (rest !== '') {
    const r = toAscii(rest.slice(1));
    if ('reason' in r) throw new InvalidValue('name', r.reason, raw);
    suffix = `.${unicode ? rest.slice(1) : r.ascii}`;
  }
  return { column: unicode ? 'unicode_name' : 'name', like: `${escapeLike(prefix)}%${escapeLike(suffix)}` };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
