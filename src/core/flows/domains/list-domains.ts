/**
 * The acting account's domains, ordered by name, each with its lifecycle
 * state projected at `now`. SQL narrows by account, TLD, customer and search
 * text; the state filter runs on the projection (so moving the clock is seen
 * at once, before the sweeper persists anything); paging runs last.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import type { DomainState } from '../../lifecycle/project-domain.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'UNSUPPORTED_TLD'] as const satisfies readonly ErrorCode[];

const ALL_STATES: readonly DomainState[] = ['pending_create', 'active', 'expired', 'redemption', 'pending_delete', 'released'];
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_SEARCH_LENGTH = 253;

export interface ListDomainsInput {
  readonly accountId?: number;
  /** Keep only domains in one of these projected states; undefined or empty: no state filter. */
  readonly states?: readonly DomainState[];
  /** "com", ".com" or "COM". */
  readonly tld?: string;
  /** Case-insensitive substring of the A-label or the Unicode name. */
  readonly search?: string;
  readonly customerId?: string;
  /** Also list registrations that have been released (history). */
  readonly includeReleased?: boolean;
  readonly offset?: number;
  /** 1 to 1000, default 100. */
  readonly limit?: number;
}

export interface ListDomainsResult {
  /** Matches before paging. */
  readonly total: number;
  readonly items: readonly DomainView[];
}

export async function listDomains(ctx: FlowContext, input: ListDomainsInput = {}): Promise<ListDomainsResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const offset = verifyInteger('offset', input.offset ?? 0, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer is required');
  const limit = verifyInteger('limit', input.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT, `an integer from 1 to ${MAX_LIMIT} is required`);
  const states = verifyStates(input.states);
  const tld = input.tld === undefined ? undefined : verifyTld(ctx, input.tld);
  const search = input.search === undefined ? '' : verifySearch(input.search);
  const includeReleased = input.includeReleased === true;

  let q = ctx.db.selectFrom('domains').selectAll().where('account_id', '=', accountId);
  if (!includeReleased) q = q.where((eb) => eb.or([eb('released_at', 'is', null), eb('released_at', '>', ctx.now)]));
  if (tld !== undefined) q = q.where('tld', '=', tld);
  if (input.customerId !== undefined) q = q.where('customer_id', '=', input.customerId);
  if (search !== '') q = q.where(sql<boolean>`(strpos(name, ${search}) > 0 or strpos(lower(unicode_name), ${search}) > 0)`);
  const rows = await q.execute();

  const views = rows
    .map((row) => toDomainView(row, ctx.policy, ctx.now))
    .filter((v) => (includeReleased || v.state !== 'released') && (states === undefined || states.has(v.state)))
    .sort(byNameThenId);
  return { total: views.length, items: views.slice(offset, offset + limit) };
}

/** Code-unit order of A-labels: the same on every backend, whatever the database collation. */
function byNameThenId(a: DomainView, b: DomainView): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id - b.id;
}

function verifyInteger(param: string, value: unknown, min: number, max: number, reason: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new InvalidValue(param, reason, value);
  return value;
}

function verifyStates(states: readonly DomainState[] | undefined): ReadonlySet<DomainState> | undefined {
  if (states === undefined) return undefined;
  if (!Array.isArray(states)) throw new InvalidValue('states', 'a list of states is required', states);
  if (states.length === 0) return undefined;
  for (const s of states) {
    if (!ALL_STATES.includes(s)) throw new InvalidValue('states', `each state must be one of ${ALL_STATES.join(', ')}`, s);
  }
  return new Set(states);
}

function verifyTld(ctx: FlowContext, input: string): string {
  if (typeof input !== 'string') throw new InvalidValue('tld', 'a TLD such as "com" is required', input);
  const tld = input.trim().toLowerCase().replace(/^\./, '');
  ctx.policy.get(tld, 'tld');
  return tld;
}

function verifySearch(input: string): string {
  if (typeof input !== 'string') throw new InvalidValue('search', 'a string is required', input);
  const s = input.trim().toLowerCase();
  if (s.length > MAX_SEARCH_LENGTH) throw new InvalidValue('search', `at most ${MAX_SEARCH_LENGTH} characters`, input);
  return s;
}
