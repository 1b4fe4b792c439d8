/**
 * Register a domain: charge the account and create the registration in one
 * transaction. Load → verify (account, name, policy lists, availability,
 * premium consent, period, service) → price → one statement writes order,
 * charge and row. A concurrent registration of the same name loses on the
 * live-name unique index and rolls back with its charge.
 *
 * One writer, two ways to reach it. The registration's writes and the
 * guards that must hold when they happen (account active, name free, a
 * price in the charged currency, the funds) exist once, in the SQL function
 * `regd_register_domain` (migrations 0008/0011/0025), which every registration
 * runs, whichever dialect, CLI or job asked. In the ordinary case (an
 * active account, a free name without a live row, a price in the account's
 * currency, the funds) everything that needs no database is decided here
 * first (name, policy lists, period, service, contacts, the price in every
 * currency, the new row) and the statement is all there is; a command
 * that runs registration by itself (KifDom, Dynadot register) even runs it
 * in autocommit, without BEGIN/COMMIT (the runner's one-statement path).
 * When the statement refuses, having written nothing, the step-by-step
 * checks run to raise the precise error in the flow's order (or settle a
 * projected-released row), and the statement then writes.
 */
import { randomFillSync } from 'node:crypto';
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { withOneStatementPath } from '../../run-flow.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import {
  AccountNotFound, AccountSuspended, ConflictingParameters, DomainBlocked, DomainNotAvailable, DomainQuarantined, DomainReserved,
  InsufficientFunds, isRegdError, InvalidValue, PremiumConsentRequired, PriceMismatch,
} from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { getBalance, type BalanceView } from '../../money/ledger.ts';
import { parseNewDomainName, type DomainName } from '../../names.ts';
import { addMonths } from '../../clock.ts';
import { assertPeriod, defaultPeriod, isPremium, pricedCurrencies, quote, verifyDomainType, type DomainType, type Quote } from '../../pricing.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { DomainRow, Privacy, RenewOption, SettingsTemplate as StoredTemplate } from '../../../store/index.ts';
import { availabilityOf, listedAvailability } from './check-availability.ts';
import { loadLiveRow, settleReleased } from './domain-access.ts';
import { resolveService, type ServiceInput } from './service-input.ts';
import { resolveDelegation, type DelegationColumns } from './delegation.ts';
import { domainContactsOf, resolveContactIds, type ContactAssignment, type ContactColumnsPatch, type DomainContactsView } from '../contacts/set-domain-contacts.ts';
import { ROLE_COLUMNS } from '../contacts/contact-usage.ts';
import { CONTACT_ROLES, type ContactRole } from '../contacts/contact-view.ts';
import { APPLY_ACCOUNT_DEFAULTS_THROWS, applyAccountDefaults, registrationTemplateKeys } from '../settings/apply-account-defaults.ts';
import { readTemplate } from '../settings/settings-template.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import { registerInBatch } from './registration-batches.ts';
import { claimRequest } from '../requests/claim-request.ts';
import { storeResponse } from '../requests/store-response.ts';
import { getAccount } from '../accounts/get-account.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_PERIOD', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'CONFLICTING_PARAMETERS', 'GLUE_REQUIRED', 'NSSET_NOT_FOUND',
  'DOMAIN_NOT_AVAILABLE', 'DOMAIN_RESERVED', 'DOMAIN_BLOCKED', 'DOMAIN_QUARANTINED',
  'PREMIUM_CONSENT_REQUIRED', 'PRICE_MISMATCH', 'INSUFFICIENT_FUNDS', 'CONTACT_NOT_FOUND',
  ...APPLY_ACCOUNT_DEFAULTS_THROWS,
] as const satisfies readonly ErrorCode[];

export interface RegisterDomainInput extends ServiceInput {
  readonly accountId?: number;
  readonly name: string;
  readonly periodMonths?: number;
  readonly domainType?: DomainType;
  readonly currency?: string;
  readonly autoRenew?: boolean;
  readonly renewOption?: RenewOption;
  readonly privacy?: Privacy;
  readonly locked?: boolean;
  readonly label?: string | null;
  readonly note?: string;
  readonly customerId?: string | null;
  /** Consent to a premium price: true, or the exact total the client accepts (minor units). */
  readonly acceptPremium?: boolean | number;
  /**
   * The most the client accepts to pay, in minor units of the currency
   * charged, premium name or not: a higher total is PRICE_MISMATCH, and
   * nothing is charged or created. It is no premium consent by itself.
   */
  readonly maxPriceMinor?: number;
  /** NSSET handle, for TLDs that delegate through NSSETs (.cz). */
  readonly nsset?: string;
  /** Contacts by public number; roles left out get the account's default contacts. */
  readonly contacts?: ContactAssignment;
  /**
   * An idempotent request (claim-request.ts; Freenom's "POST actions are
   * idempotent for 30 seconds"): a repeat of the same request of the
   * account within `windowMs` of a success registers nothing and answers
   * that success's result again. On the one-statement path the key is
   * looked up, and stored with the result, by the registration's own
   * statement (migration 0028); in the flow's transaction otherwise
   * (claimRequest/storeResponse).
   */
  readonly request?: RegistrationRequest;
  /** Also answer the account as the registration left it (`account`: balances and live domain count; KifDom's meta block). */
  readonly withAccount?: boolean;
}

export interface RegistrationRequest {
  /** The dialect's function key ("freenom:domain/register"). */
  readonly fn: string;
  readonly paramsHash: string;
  readonly windowMs: number;
}

export interface RegisterDomainResult {
  readonly domain: DomainView;
  /** The new domain's contacts as public numbers (after account defaults), so no caller reads them again. */
  readonly contacts: DomainContactsView;
  /** The new domain's auth code (the registrant may read it at once). */
  readonly authCode: string;
  readonly orderNumber: string;
  readonly orderStatus: 'completed' | 'processing';
  readonly quote: Quote;
  /** With `withAccount`: the account just after the registration (on the one-statement path, read by the registration's own statement). */
  readonly account?: AccountAfterRegistration;
}

export interface AccountAfterRegistration {
  readonly balances: readonly BalanceView[];
  readonly domainCount: number;
}

export const registerDomain = withOneStatementPath(async function registerDomain(ctx: FlowContext, input: RegisterDomainInput): Promise<RegisterDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const key = input.request && { accountId, fn: input.request.fn, paramsHash: input.request.paramsHash };
  if (key) {
    const claim = await claimRequest(ctx, { ...key, windowMs: input.request!.windowMs });
    if (!claim.claimed) return withAccountAfter(ctx, accountId, input, replayed(ctx, claim.response).result);
  }
  const plan = await planAtOnce(ctx, accountId, input, false);
  const done = (plan && (await registerAtOnce(ctx, accountId, input, plan, false))) || (await registerStepByStep(ctx, accountId, input));
  if (key) await storeResponse(ctx, { ...key, response: done.record });
  return withAccountAfter(ctx, accountId, input, done.result);
}, registerOnItsOwn);

/**
 * The runner's one-statement path (run-flow.ts): the registration function
 * called on its own, in autocommit, when planning needs no database read
 * (no NSSET, no outside name servers whose glue and host objects must be
 * read under a share lock) and the account has no registration defaults to
 * apply afterwards. Undefined otherwise, having written nothing: the flow
 * then runs in a transaction, whose checks raise the precise error.
 */
async function registerOnItsOwn(ctx: FlowContext, input: RegisterDomainInput): Promise<RegisterDomainResult | undefined> {
  const accountId = actingAccountId(ctx, input.accountId);
  const plan = await planAtOnce(ctx, accountId, input, true);
  try {
    const done = plan && (await registerAtOnce(ctx, accountId, input, plan, true));
    return done && withAccountAfter(ctx, accountId, input, done.result);
  } catch (e) {
    // Nothing written; the transaction path decides, with the precise error (or, for an idempotent request, the replay):
    // foreign_key_violation: a contact the statement found was deleted before the row was written;
    // unique_violation: the name was registered by a concurrent transaction the statement waited for (a repeat of the same
    // request from elsewhere, whose key that transaction stored).
    const code = (e as { code?: unknown }).code;
    if (code === '23503' || code === '23505') return undefined;
    throw e;
  }
}

// ───────────── the ordinary case: one statement ─────────────

/** Everything the one-statement path needs, decided without the database (except service and contact lookups). */
interface AtOncePlan {
  readonly name: DomainName;
  readonly async: boolean;
  /** The currency the request named; null: the account's default currency. */
  readonly currency: string | null;
  /**
   * The registration price in each currency the account might pay in, and
   * only those within the client's maxPriceMinor: a total above it is left
   * out, so the function answers not_priced having written nothing and the
   * step-by-step path raises PRICE_MISMATCH.
   */
  readonly quotes: ReadonlyMap<string, Quote>;
  /** The exact total a premium consent accepted, checked against the price in the account's currency. */
  readonly acceptTotal: number | null;
  readonly row: NewDomainRow;
  /** Contact columns the statement fills from the account's contacts by public number; the row has them null. */
  readonly contactNumbers: Readonly<Partial<Record<ContactColumn, number>>>;
}

type ContactColumn = (typeof ROLE_COLUMNS)[ContactRole];

/** The new domains row, every column but the two the database assigns (id, order_id): a new column is a compile error here. */
type NewDomainRow = Omit<DomainRow, 'id' | 'order_id'>;

/**
 * The checks that need no account, in the flow's order; undefined when one
 * fails (the step-by-step path then reports it in order), or, with
 * `withoutReads`, when planning would have to read the database.
 */
async function planAtOnce(ctx: FlowContext, accountId: number, input: RegisterDomainInput, withoutReads: boolean): Promise<AtOncePlan | undefined> {
  try {
    const name = parseNewDomainName(input.name, ctx.policy, 'domain');
    const policy = ctx.policy.get(name.tld);
    if (withoutReads && (input.nsset !== undefined || resolveService(policy, input).service_mode === 'custom_ns')) return undefined;
    const domainType = verifyDomainType(input.domainType ?? 'PAID', policy);
    const periodMonths = input.periodMonths ?? defaultPeriod(policy, domainType);
    assertPeriod(policy, periodMonths, domainType);
    assertMaxPrice(input.maxPriceMinor);
    const currency = input.currency !== undefined ? normalizeCurrency(input.currency) : undefined;
    if (listedAvailability(name, policy) !== 'available') return undefined;
    const service = await resolveDelegation(ctx, accountId, name.ascii, policy, input, input.nsset);
    const lookup = contactLookup(input.contacts ?? {});
    if (lookup === undefined) return undefined;
    const contacts = lookup.nulls;
    const quotes = new Map<string, Quote>();
    for (const c of currency !== undefined ? [currency] : pricedCurrencies(policy, ctx.now)) {
      const q = quoteOrUndefined(policy, { op: 'register', name: name.ascii, periodMonths, currency: c, at: ctx.now, domainType });
      if (q && withinMaxPrice(q, input.maxPriceMinor)) quotes.set(c, q);
    }
    if (currency !== undefined && !quotes.has(currency)) return undefined;
    const premium = isPremium(policy, name.ascii);
    if (premium && (input.acceptPremium === undefined || input.acceptPremium === false)) return undefined;
    const acceptTotal = premium && typeof input.acceptPremium === 'number' ? input.acceptPremium : null;
    const row = newDomainRow(ctx, accountId, input, name, policy, domainType, periodMonths, premium, service, contacts);
    return { name, async: policy.creation.mode === 'async', currency: currency ?? null, quotes, acceptTotal, row, contactNumbers: lookup.numbers };
  } catch (e) {
    if (isRegdError(e)) return undefined;
    throw e;
  }
}

/** The contact columns to look up by number, and those the request empties; undefined when a value is not a contact number (the step-by-step path refuses it). */
function contactLookup(assignment: ContactAssignment): { numbers: Partial<Record<ContactColumn, number>>; nulls: ContactColumnsPatch } | undefined {
  const numbers: Partial<Record<ContactColumn, number>> = {};
  const nulls: ContactColumnsPatch = {};
  for (const role of CONTACT_ROLES) {
    const value = assignment[role];
    if (value === undefined) continue;
    if (value === null) nulls[ROLE_COLUMNS[role]] = null;
    else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) numbers[ROLE_COLUMNS[role]] = value;
    else return undefined;
  }
  return { numbers, nulls };
}

function quoteOrUndefined(policy: TldPolicy, req: Parameters<typeof quote>[1]): Quote | undefined {
  try {
    return quote(policy, req);
  } catch (e) {
    if (isRegdError(e)) return undefined; // not priced in this currency (e.g. a premium name without it)
    throw e;
  }
}

type AtOnceOutcome =
  | 'registered' | 'account_not_found' | 'account_suspended' | 'template' | 'live_row' | 'not_priced' | 'price_mismatch' | 'insufficient_funds'
  | 'replay';

interface AtOnceResult {
  readonly o_outcome: AtOnceOutcome;
  readonly o_currency: string | null;
  readonly o_template: StoredTemplate | null;
  readonly o_order_id: number | null;
  readonly o_order_number: string | null;
  readonly o_domain_id: number | null;
  /** The contact columns the statement looked up (AtOncePlan.contactNumbers), by internal id. */
  readonly o_contact_ids?: ContactColumnsPatch | null;
  /** `replay` (an idempotent request repeated; one-statement path only): the first success's RegistrationRecord, as JSON. */
  readonly o_response?: string | null;
  /** With `withAccount` on the one-statement path: the account after the statement (migration 0028), as JSON. */
  readonly o_account?: string;
}

/** One statement; undefined when a guard stopped it before any write (with `onItsOwn`, also when the account has registration defaults). */
async function registerAtOnce(ctx: FlowContext, accountId: number, input: RegisterDomainInput, plan: AtOncePlan, onItsOwn: boolean): Promise<Registration | undefined> {
  const r = await registrationStatement(ctx, accountId, plan, onItsOwn ? input : undefined);
  if (r?.o_outcome === 'replay') return replayed(ctx, JSON.parse(r.o_response!));
  return r?.o_outcome === 'registered' ? registered(ctx, input, plan, r) : undefined;
}

/**
 * The registration's writes, in one statement (the SQL function
 * `regd_register_domain`, migrations 0008/0011/0025): the guards that must hold
 * at the instant of writing (account active, name free, price known,
 * funds), then charge, order, item, ledger entry and row. Both paths write
 * through it: the writes and their guards exist only there.
 */
async function registrationStatement(
  ctx: FlowContext, accountId: number, plan: AtOncePlan, onItsOwn: RegisterDomainInput | undefined,
): Promise<AtOnceResult | undefined> {
  const prices = Object.fromEntries([...plan.quotes].map(([c, q]) => [c, q.totalMinor]));
  const status = plan.async ? 'processing' : 'completed';
  const lookups = Object.keys(plan.contactNumbers).length;
  if (onItsOwn !== undefined) {
    // Autocommit: written with the account's other registrations arriving meanwhile (registration-batches.ts), one statement for them all.
    const request = onItsOwn.request;
    const r = await registerInBatch(ctx.db, {
      account: accountId, require_active: ctx.actor.kind === 'account', currency: plan.currency, prices, accept_total: plan.acceptTotal,
      order_status: status, source: ctx.source, memo: `register ${plan.name.ascii}`, now: ctx.now, domain: plan.row, refuse_template: true,
      ...(lookups > 0 ? { contacts: plan.contactNumbers as Record<string, number> } : {}),
      ...(onItsOwn.withAccount ? { summary: true } : {}),
      ...(request !== undefined
        ? {
            request: {
              fn: request.fn, params_hash: request.paramsHash, cutoff: new Date(ctx.now.getTime() - request.windowMs),
              // The account's expired keys, at most once a second (prune-schedule.ts).
              ...((ctx.prunes?.due(accountId, ctx.now) ?? true) ? { prune: true } : {}),
            },
            // The record's other parts (migration 0028): on this path the row's contacts are exactly the numbers looked up.
            keep: { contacts: plannedContacts(plan), orderStatus: status, quotes: Object.fromEntries(plan.quotes) },
          }
        : {}),
    });
    // A contact number that is not one of the account's live contacts: nothing written (the step-by-step path refuses it).
    if (r.o_outcome === 'contacts') return undefined;
    return r as unknown as AtOnceResult;
  }
  const call = (row: ReturnType<typeof sql>) => sql`
    regd_register_domain(
      ${accountId}::bigint, ${ctx.actor.kind === 'account'}::boolean, ${plan.currency}::text,
      ${JSON.stringify(prices)}::jsonb, ${plan.acceptTotal}::bigint, ${status}::text, ${ctx.source}::text,
      ${`register ${plan.name.ascii}`}::text, ${ctx.now}::timestamptz, ${row}, false
    )`;
  const rowJson = sql`${JSON.stringify(plan.row)}::jsonb`;
  if (lookups === 0) return (await sql<AtOnceResult>`select * from ${call(rowJson)}`.execute(ctx.db)).rows[0];
  // The contacts by number in the same statement, held under a key-share lock (as resolveContactIds does) until the row refers
  // to them; a number that is not one of the account's live contacts: no row, no call, nothing written.
  const { rows } = await sql<AtOnceResult>`
    select r.*, c.ids as o_contact_ids
    from (
      select jsonb_object_agg(k.key, ct.id) as ids
      from jsonb_each_text(${JSON.stringify(plan.contactNumbers)}::jsonb) k
      join (
        select id, number from contacts where account_id = ${accountId}::bigint and number = any(${`{${Object.values(plan.contactNumbers).join(',')}}`}::bigint[])
        for key share
      ) ct on ct.number = k.value::bigint
      having count(ct.id) = ${lookups}::int
    ) c
    cross join lateral ${call(sql`${rowJson} || c.ids`)} r`.execute(ctx.db);
  return rows[0];
}

/** A registration's result, and what an idempotent request keeps of it for its repeats. */
interface Registration {
  readonly result: RegisterDomainResult;
  readonly record: RegistrationRecord;
}

/**
 * What an idempotent registration keeps for its repeats
 * (freenom_idempotency.response, as JSON; migration 0028 writes the same
 * shape on the one-statement path): enough to answer the same result again
 * without reading anything.
 */
interface RegistrationRecord {
  readonly row: DomainRow;
  readonly contacts: DomainContactsView;
  readonly orderNumber: string;
  readonly orderStatus: 'completed' | 'processing';
  readonly quote: Quote;
}

/** The result of a registration the statement made (account defaults applied when the account has some). */
async function registered(ctx: FlowContext, input: RegisterDomainInput, plan: AtOncePlan, r: AtOnceResult): Promise<Registration> {
  // The stored row is exactly the planned one plus the two ids (see migration 0008).
  let row: DomainRow = { ...plan.row, ...r.o_contact_ids, id: r.o_domain_id!, order_id: r.o_order_id! };
  const withDefaults = Object.keys(readTemplate(r.o_template)).length > 0;
  if (withDefaults) row = await applyAccountDefaults(ctx, row, explicitKeys(input));
  const record: RegistrationRecord = {
    row,
    contacts: (!withDefaults && requestedContacts(row, input)) || (await domainContactsOf(ctx, row)),
    orderNumber: r.o_order_number!,
    orderStatus: plan.async ? 'processing' : 'completed',
    quote: plan.quotes.get(r.o_currency!)!,
  };
  const account = r.o_account !== undefined ? accountFromJson(r.o_account) : undefined;
  return { result: { ...resultOf(ctx, record), ...(account ? { account } : {}) }, record };
}

/** migration 0028's account row: `{"balances": [[currency, balance, on hold], …], "domainCount": n}`. */
function accountFromJson(json: string): AccountAfterRegistration {
  const a = JSON.parse(json) as { balances: [string, number, number][]; domainCount: number | string };
  return {
    balances: a.balances.map(([currency, balanceMinor, onHoldMinor]) => ({ currency, balanceMinor, onHoldMinor, availableMinor: balanceMinor - onHoldMinor })),
    domainCount: Number(a.domainCount),
  };
}

/** With `withAccount`, the result's account: from the statement when it answered it, else read now (in the flow's transaction, if any). */
async function withAccountAfter(ctx: FlowContext, accountId: number, input: RegisterDomainInput, result: RegisterDomainResult): Promise<RegisterDomainResult> {
  if (input.withAccount !== true || result.account !== undefined) return result;
  const { balances, domainCount } = await getAccount(ctx, { accountId });
  return { ...result, account: { balances, domainCount } };
}

function resultOf(ctx: FlowContext, record: RegistrationRecord): RegisterDomainResult {
  const { row, contacts, orderNumber, orderStatus, quote } = record;
  return { domain: toDomainView(row, ctx.policy, ctx.now), contacts, authCode: row.auth_code, orderNumber, orderStatus, quote };
}

/** The domains columns that hold instants: a Date column missing here is a compile error. */
const ROW_INSTANTS = [
  'created_at', 'create_completes_at', 'expires_at', 'updated_at', 'add_grace_ends_at', 'deleted_at', 'released_at', 'transferred_at',
  'auto_renew_retry_at',
] as const satisfies readonly (keyof DomainRow)[];
type InstantColumn = { [K in keyof DomainRow]-?: Date extends DomainRow[K] ? K : never }[keyof DomainRow];
const everyInstant: Exclude<InstantColumn, (typeof ROW_INSTANTS)[number]> extends never ? true : false = true;
void everyInstant;

/** A repeated idempotent request: the first success's record (parsed JSON), answered again. */
function replayed(ctx: FlowContext, stored: unknown): Registration {
  const record = stored as RegistrationRecord;
  const row: Record<string, unknown> = { ...record.row };
  for (const column of ROW_INSTANTS) if (row[column] !== null) row[column] = new Date(row[column] as string);
  const revived = { ...record, row: row as unknown as DomainRow };
  return { result: resultOf(ctx, revived), record: revived };
}

/** The one-statement path's contacts: the numbers the statement looks up, and no contact for the other roles. */
function plannedContacts(plan: AtOncePlan): DomainContactsView {
  const number = (role: ContactRole) => plan.contactNumbers[ROLE_COLUMNS[role]] ?? null;
  return { name: plan.row.name, registrant: number('registrant'), admin: number('admin'), tech: number('tech'), billing: number('billing') };
}

/**
 * The new row's contacts as public numbers without a read, when the request
 * named every contact the row has (each resolved to that number's row of the
 * account, or the registration would have been refused); else undefined.
 */
function requestedContacts(row: DomainRow, input: RegisterDomainInput): DomainContactsView | undefined {
  const numbers: Record<ContactRole, number | null> = { registrant: null, admin: null, tech: null, billing: null };
  for (const role of CONTACT_ROLES) {
    if (row[ROLE_COLUMNS[role]] === null) continue;
    const requested = input.contacts?.[role];
    if (typeof requested !== 'number') return undefined;
    numbers[role] = requested;
  }
  return { name: row.name, ...numbers };
}

// ───────────── everything else: step by step ─────────────

/** The step-by-step path alone, as a flow (tests check that both paths store the same registration). */
export async function registerDomainStepByStep(ctx: FlowContext, input: RegisterDomainInput): Promise<RegisterDomainResult> {
  return (await registerStepByStep(ctx, actingAccountId(ctx, input.accountId), input)).result;
}

async function registerStepByStep(ctx: FlowContext, accountId: number, input: RegisterDomainInput): Promise<Registration> {
  const account = await loadActiveAccount(ctx, accountId);
  const name = parseNewDomainName(input.name, ctx.policy, 'domain');
  const policy = ctx.policy.get(name.tld);
  const domainType = verifyDomainType(input.domainType ?? 'PAID', policy);
  const periodMonths = input.periodMonths ?? defaultPeriod(policy, domainType);
  assertPeriod(policy, periodMonths, domainType);
  assertMaxPrice(input.maxPriceMinor);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  await verifyAvailable(ctx, name.ascii, name, policy);
  const service = await resolveDelegation(ctx, accountId, name.ascii, policy, input, input.nsset);
  const contacts = input.contacts ? await resolveContactIds(ctx, accountId, input.contacts) : {};
  const price = quote(policy, { op: 'register', name: name.ascii, periodMonths, currency, at: ctx.now, domainType });
  verifyPremiumConsent(price, input.acceptPremium, name.ascii);
  verifyMaxPrice(price, input.maxPriceMinor);

  // Every check above has passed: the statement writes (its guards only refuse when a concurrent request won a race).
  const plan: AtOncePlan = {
    name,
    async: policy.creation.mode === 'async',
    currency,
    quotes: new Map([[currency, price]]),
    acceptTotal: null,
    row: newDomainRow(ctx, accountId, input, name, policy, domainType, periodMonths, price.premium, service, contacts),
    contactNumbers: {},
  };
  // Without contact lookups the statement always answers one row.
  const r = (await registrationStatement(ctx, accountId, plan, undefined))!;
  switch (r.o_outcome) {
    case 'registered':
      return registered(ctx, input, plan, r);
    case 'account_not_found':
      throw new AccountNotFound(accountId);
    case 'account_suspended':
      throw new AccountSuspended();
    case 'live_row':
      throw new DomainNotAvailable(name.ascii);
    case 'insufficient_funds':
      throw new InsufficientFunds(currency, price.totalMinor, (await getBalance(ctx.db, accountId, currency)).availableMinor);
    default:
      // not_priced, price_mismatch and template cannot follow from this plan (one priced currency, no accepted total, not on its own).
      throw new Error(`registration statement: unexpected outcome ${r.o_outcome}`);
  }
}

// ───────────── shared ─────────────

/** The new row as both paths insert it. */
function newDomainRow(
  ctx: FlowContext,
  accountId: number,
  input: RegisterDomainInput,
  name: DomainName,
  policy: TldPolicy,
  domainType: DomainType,
  periodMonths: number,
  premium: boolean,
  service: DelegationColumns,
  contacts: ContactColumnsPatch,
): NewDomainRow {
  const async = policy.creation.mode === 'async';
  return {
    account_id: accountId,
    name: name.ascii,
    unicode_name: name.unicode,
    tld: name.tld,
    domain_type: domainType,
    created_at: ctx.now,
    create_completes_at: async ? new Date(ctx.now.getTime() + policy.creation.delayMs) : null,
    expires_at: addMonths(ctx.now, periodMonths),
    updated_at: ctx.now,
    add_grace_ends_at: policy.grace.addMs > 0 ? new Date(ctx.now.getTime() + policy.grace.addMs) : null,
    deleted_at: null,
    released_at: null,
    period_months: periodMonths,
    ...renewSettings(input.autoRenew, input.renewOption, domainType),
    privacy: input.privacy ?? 'off',
    locked: input.locked ?? false,
    auth_code: newAuthCode(),
    label: input.label ?? null,
    note: input.note ?? '',
    customer_id: input.customerId ?? null,
    premium,
    ...service,
    name_servers: JSON.parse(service.name_servers) as string[],
    registrant_contact_id: null,
    admin_contact_id: null,
    tech_contact_id: null,
    billing_contact_id: null,
    ...contacts,
    folder_id: null,
    email_forward: { type: 'donot' },
    transferred_at: null,
    auto_renew_retry_at: null,
  };
}

/** Account defaults fill in what the request did not set (an NSSET counts as a chosen delegation). */
function explicitKeys(input: RegisterDomainInput) {
  return registrationTemplateKeys(input.nsset !== undefined ? { ...input, nameServers: [] } : input);
}

/**
 * auto_renew and renew_option always agree ('auto' ⇔ auto-renew on). The
 * default is auto-renew for PAID registrations and none for FREE ones (free
 * domains are renewed by hand inside their renewal window).
 */
function renewSettings(autoRenew: boolean | undefined, renewOption: RenewOption | undefined, domainType: DomainType) {
  if (autoRenew !== undefined && renewOption !== undefined && autoRenew !== (renewOption === 'auto')) {
    throw new ConflictingParameters('autorenew', 'renew_option');
  }
  const option: RenewOption = renewOption ?? (autoRenew ?? domainType === 'PAID' ? 'auto' : 'donot');
  return { auto_renew: option === 'auto', renew_option: option };
}

async function verifyAvailable(ctx: FlowContext, ascii: string, name: DomainName, policy: Parameters<typeof availabilityOf>[2]): Promise<void> {
  const live = await loadLiveRow(ctx, ascii);
  if (live) await settleReleased(ctx, live, policy);
  const { availability } = await availabilityOf(ctx, name, policy);
  switch (availability) {
    case 'available':
      return;
    case 'reserved':
      throw new DomainReserved(ascii);
    case 'blocked':
      throw new DomainBlocked(ascii);
    case 'quarantined':
      throw new DomainQuarantined(ascii);
    case 'registered':
      throw new DomainNotAvailable(ascii);
  }
}

function verifyPremiumConsent(price: Quote, consent: boolean | number | undefined, name: string): void {
  if (!price.premium) return;
  if (consent === undefined || consent === false) throw new PremiumConsentRequired(name, price.totalMinor, price.currency);
  if (typeof consent === 'number' && consent !== price.totalMinor) throw new PriceMismatch(consent, price.totalMinor, price.currency);
}

function assertMaxPrice(maxPriceMinor: unknown): void {
  if (maxPriceMinor !== undefined && !(Number.isSafeInteger(maxPriceMinor) && (maxPriceMinor as number) >= 0)) {
    throw new InvalidValue('max_price', 'a whole non-negative amount in minor units is required', maxPriceMinor);
  }
}

/** The client's ceiling, checked against the very total that is charged (the same quote). */
function verifyMaxPrice(price: Quote, maxPriceMinor: number | undefined): void {
  if (!withinMaxPrice(price, maxPriceMinor)) throw new PriceMismatch(maxPriceMinor!, price.totalMinor, price.currency);
}

function withinMaxPrice(price: Quote, maxPriceMinor: number | undefined): boolean {
  return maxPriceMinor === undefined || price.totalMinor <= maxPriceMinor;
}

const AUTH_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const AUTH_CODE_LENGTH = 16;

/**
 * 16 characters from an alphabet without look-alikes (registries accept
 * 6–32), always with at least one letter and one digit. Unbiased: bytes
 * beyond the largest multiple of the alphabet size are drawn again.
 */
export function newAuthCode(): string {
  const n = AUTH_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  for (;;) {
    let out = '';
    while (out.length < AUTH_CODE_LENGTH) {
      const b = randomByte();
      if (b < limit) out += AUTH_CODE_ALPHABET[b % n];
    }
    if (/[0-9]/.test(out) && /[A-Za-z]/.test(out)) return out;
  }
}

/** Random bytes drawn 4 KiB at a time: one call into the system's generator per ~200 auth codes, not one each (as randomUUID does). */
const RANDOM_POOL = Buffer.alloc(4096);
let randomAt = RANDOM_POOL.length;

function randomByte(): number {
  if (randomAt === RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomAt = 0;
  }
  return RANDOM_POOL[randomAt++]!;
}
