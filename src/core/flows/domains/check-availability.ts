/**
 * Availability of one or many names, with the price of registering each.
 * Per-name problems (invalid syntax, unsupported TLD, a period or a FREE
 * registration the TLD does not offer) are reported in that name's result,
 * so a bulk check answers every name.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { isRegdError, type RegdError, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { markReadOnly } from '../../run-flow.ts';
import { parseNewDomainName, type DomainName } from '../../names.ts';
import { HELD_STATES, projectDomainAt } from '../../lifecycle/project-domain.ts';
import { assertPeriod, defaultPeriod, isPremium, quote, verifyDomainType, type DomainType, type Quote } from '../../pricing.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';

export const throws = ['INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'INVALID_PERIOD'] as const satisfies readonly ErrorCode[];

export type Availability = 'available' | 'registered' | 'reserved' | 'blocked' | 'quarantined';

export interface CheckInput {
  readonly names: readonly string[];
  readonly currency?: string;
  /** Period the quoted price is for; default: the TLD's default for the domain type. */
  readonly periodMonths?: number;
  readonly domainType?: DomainType;
}

export type CheckResult =
  | {
      readonly input: string;
      readonly ok: true;
      readonly name: DomainName;
      readonly availability: Availability;
      readonly premium: boolean;
      /** Registration price for the period (present when the name is available). */
      readonly price?: Quote;
      readonly periodMonths: number;
      /** The account holding the name (only when registered). */
      readonly holderAccountId?: number;
    }
  | { readonly input: string; readonly ok: false; readonly error: RegdError };

export const checkAvailability = markReadOnly(async function checkAvailability(ctx: FlowContext, input: CheckInput): Promise<readonly CheckResult[]> {
  // The account's currency is looked up only when a price is needed (the first available name).
  let currency: string | undefined = input.currency !== undefined ? normalizeCurrency(input.currency) : undefined;
  const priceCurrency = async () => (currency ??= normalizeCurrency(await actorCurrency(ctx)));
  const out: CheckResult[] = [];
  for (const raw of input.names) {
    try {
      out.push(await checkOne(ctx, raw, priceCurrency, input));
    } catch (e) {
      if (!isRegdError(e)) throw e;
      out.push({ input: raw, ok: false, error: e });
    }
  }
  return out;
});

async function checkOne(ctx: FlowContext, raw: string, priceCurrency: () => Promise<string>, input: CheckInput): Promise<CheckResult> {
  const name = parseNewDomainName(raw, ctx.policy);
  const policy = ctx.policy.get(name.tld);
  const domainType = verifyDomainType(input.domainType ?? 'PAID', policy);
  const periodMonths = input.periodMonths ?? defaultPeriod(policy, domainType);
  assertPeriod(policy, periodMonths, domainType);
  const status = await availabilityOf(ctx, name, policy);
  const base = { input: raw, ok: true as const, name, premium: isPremium(policy, name.ascii), periodMonths };
  if (status.availability !== 'available') return { ...base, ...status };
  const price = quote(policy, { op: 'register', name: name.ascii, periodMonths, currency: await priceCurrency(), at: ctx.now, domainType });
  return { ...base, availability: 'available', price };
}

/** Registry view of a name: policy lists first, then the live registration's projected state. */
export async function availabilityOf(
  ctx: FlowContext,
  name: DomainName,
  policy: TldPolicy,
): Promise<{ availability: Availability; holderAccountId?: number }> {
  const listed = listedAvailability(name, policy);
  if (listed !== 'available') return { availability: listed };
  // One statement: the live registration (if any) and whether the bare name
  // is being auctioned (a backorder or registry_expired auction: the winner
  // gets it at the close, so no one may register it meanwhile: it reads as
  // taken, with no holder).
  const found = await ctx.db
    .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('x'))
    .leftJoin('domains as d', (j) => j.on('d.name', '=', name.ascii).on('d.released_at', 'is', null))
    .select(['d.account_id', 'd.domain_type', 'd.created_at', 'd.create_completes_at', 'd.expires_at', 'd.add_grace_ends_at', 'd.deleted_at', 'd.released_at'])
    .select(sql<boolean>`exists (select 1 from auctions a where a.domain_name = ${name.ascii} and a.status = 0 and a.domain_id is null)`.as('in_auction'))
    .executeTakeFirstOrThrow();
  if (found.account_id === null) return { availability: found.in_auction ? 'registered' : 'available' };
  const row = found as typeof found & { account_id: number; domain_type: DomainType; created_at: Date; expires_at: Date };
  const state = projectDomainAt(row, policy, ctx.now).state;
  if (!HELD_STATES.has(state)) return { availability: found.in_auction ? 'registered' : 'available' };
  if (state === 'redemption' || state === 'pending_delete') return { availability: 'quarantined' };
  return { availability: 'registered', holderAccountId: row.account_id };
}

/** What the policy lists alone say of a name: blocked, reserved, or nothing against it. */
export function listedAvailability(name: DomainName, policy: TldPolicy): 'available' | 'blocked' | 'reserved' {
  if (policy.blocked.has(name.label) || policy.blocked.has(name.ascii)) return 'blocked';
  if (policy.reserved.has(name.label) || policy.reserved.has(name.ascii)) return 'reserved';
  return 'available';
}

async function actorCurrency(ctx: FlowContext): Promise<string> {
  if (ctx.actor.kind !== 'account') return 'EUR';
  const a = await ctx.db.selectFrom('accounts').select('default_currency').where('id', '=', ctx.actor.accountId).executeTakeFirst();
  return a?.default_currency ?? 'EUR';
}
