/**
 * Lookups of a domain's registration data (WHOIS / RDAP), counted per UTC
 * day (Dynadot get_whois_stats). The WHOIS and RDAP services
 * (src/services/whois, src/services/rdap) call recordWhoisLookup for every
 * answer about a registered domain; the registrant reads the counts of its
 * own domain with getWhoisStats.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount, requireOperator } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { withOneStatementPath } from '../../run-flow.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

/** Longest range one read may cover. */
export const MAX_WHOIS_STATS_DAYS = 366;

export interface WhoisDayCount {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly lookups: number;
}

export interface WhoisStatsView {
  readonly name: string;
  /** First and last day of the range read, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  /** Lookups in the range. */
  readonly total: number;
  /** Days of the range with at least one lookup, oldest first. */
  readonly days: readonly WhoisDayCount[];
}

/**
 * One lookup of a registered name, on the day of `ctx.now` (system and
 * operator only: the WHOIS/RDAP services). A name with no live domain is
 * not counted; returns whether it was. One statement (the live row's id
 * selected inside the upsert), run without BEGIN/COMMIT: every WHOIS and
 * RDAP answer makes one.
 */
async function recordWhoisLookupFlow(ctx: FlowContext, input: { readonly name: string }): Promise<{ counted: boolean }> {
  requireOperator(ctx);
  const name = parseDomainName(input.name, ctx.policy);
  const day = dayOf(ctx.now);
  const row = await ctx.db
    .insertInto('whois_lookups')
    .columns(['domain_id', 'day', 'lookups'])
    .expression((eb) => eb.selectFrom('domains')
      .select(['id', sql<string>`${day}::date`.as('day'), sql<number>`1`.as('lookups')])
      .where('name', '=', name.ascii)
      .where('released_at', 'is', null))
    .onConflict((oc) => oc.columns(['domain_id', 'day']).doUpdateSet({ lookups: sql<number>`whois_lookups.lookups + 1` }))
    .returning('domain_id')
    .executeTakeFirst();
  return { counted: row !== undefined };
}

export const recordWhoisLookup = withOneStatementPath(recordWhoisLookupFlow, recordWhoisLookupFlow);

export interface GetWhoisStatsInput {
  readonly accountId?: number;
  readonly name: string;
  /** First day (UTC) to count; default: 29 days before `to`. */
  readonly from?: Date;
  /** Last day (UTC) to count, inclusive; default: today. */
  readonly to?: Date;
}

/** The acting account's domain's lookups per day over [from, to] (at most MAX_WHOIS_STATS_DAYS days). */
export async function getWhoisStats(ctx: FlowContext, input: GetWhoisStatsInput): Promise<WhoisStatsView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const to = input.to === undefined ? dayOf(ctx.now) : dayOf(verifyDate('to', input.to));
  const from = input.from === undefined ? addDays(to, -29) : dayOf(verifyDate('from', input.from));
  if (from > to) throw new InvalidValue('from', 'must not be after to', from);
  if (addDays(from, MAX_WHOIS_STATS_DAYS - 1) < to) throw new InvalidValue('to', `at most ${MAX_WHOIS_STATS_DAYS} days can be read at once`, to);
  const owned = await loadOwnedDomain(ctx, accountId, input.name, 'domain', { lock: false });
  const rows = await ctx.db
    .selectFrom('whois_lookups')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'lookups'])
    .where('domain_id', '=', owned.row.id)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
  const days = rows.map((r) => ({ day: r.day, lookups: Number(r.lookups) }));
  return { name: owned.name.ascii, from, to, total: days.reduce((s, d) => s + d.lookups, 0), days };
}

function verifyDate(param: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidValue(param, 'a valid date is required', value);
  return value;
}

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
