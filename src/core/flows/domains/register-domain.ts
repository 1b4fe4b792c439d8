/**
 * Register a domain: charge the account and create the registration in one
 * transaction. Load → verify (account, name, policy lists, availability,
 * premium consent, period, service) → price → order → charge → insert.
 * A concurrent registration of the same name loses on the live-name unique
 * index and rolls back with its charge.
 */
import { randomBytes } from 'node:crypto';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import {
  ConflictingParameters, DomainBlocked, DomainNotAvailable, DomainQuarantined, DomainReserved, InvalidValue, PremiumConsentRequired, PriceMismatch,
} from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { charge } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { parseDomainName } from '../../names.ts';
import { addMonths } from '../../clock.ts';
import { assertPeriod, defaultPeriod, quote, type DomainType, type Quote } from '../../pricing.ts';
import type { Privacy, RenewOption } from '../../../store/index.ts';
import { availabilityOf } from './check-availability.ts';
import { loadLiveRow, settleReleased } from './domain-access.ts';
import type { ServiceInput } from './service-input.ts';
import { resolveDelegation } from './delegation.ts';
import { resolveContactIds, type ContactAssignment } from '../contacts/set-domain-contacts.ts';
import { APPLY_ACCOUNT_DEFAULTS_THROWS, applyAccountDefaults, registrationTemplateKeys } from '../settings/apply-account-defaults.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_PERIOD', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'CONFLICTING_PARAMETERS', 'GLUE_REQUIRED', 'NSSET_NOT_FOUND',
  'DOMAIN_NOT_AVAILABLE', 'DOMAIN_RESERVED', 'DOMAIN_BLOCKED', 'DOMAIN_QUARANTINED',
  'PREMIUM_CONSENT_REQUIRED', 'PRICE_MISMATCH', 'INSUFFICIENT_FUNDS', 'CONTACT_NOT_FOUND',
  ...APPLY_ACCOUNT_DEFAULTS_THROWS,
] as const;

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
  /** NSSET handle, for TLDs that delegate through NSSETs (.cz). */
  readonly nsset?: string;
  /** Contacts by public number; roles left out get the account's default contacts. */
  readonly contacts?: ContactAssignment;
}

export interface RegisterDomainResult {
  readonly domain: DomainView;
  readonly orderNumber: string;
  readonly orderStatus: 'completed' | 'processing';
  readonly quote: Quote;
}

export async function registerDomain(ctx: FlowContext, input: RegisterDomainInput): Promise<RegisterDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const policy = ctx.policy.get(name.tld);
  const domainType = verifyDomainType(input.domainType ?? 'PAID', policy.kind, name.tld);
  const periodMonths = input.periodMonths ?? defaultPeriod(policy, domainType);
  assertPeriod(policy, periodMonths, domainType);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  await verifyAvailable(ctx, name.ascii, name, policy);
  const service = await resolveDelegation(ctx, accountId, name.ascii, policy, input, input.nsset);
  const contacts = input.contacts ? await resolveContactIds(ctx, accountId, input.contacts) : {};
  const price = quote(policy, { op: 'register', name: name.ascii, periodMonths, currency, at: ctx.now, domainType });
  verifyPremiumConsent(price, input.acceptPremium, name.ascii);

  const async = policy.creation.mode === 'async';
  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'register',
    currency,
    status: async ? 'processing' : 'completed',
    items: [{ kind: 'register', domainName: name.ascii, periodMonths, amountMinor: price.totalMinor }],
  });
  if (price.totalMinor > 0) {
    await charge(ctx, { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `register ${name.ascii}` });
  }
  const inserted = await ctx.db
    .insertInto('domains')
    .values({
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
      period_months: periodMonths,
      ...renewSettings(input.autoRenew, input.renewOption, domainType),
      privacy: input.privacy ?? 'off',
      locked: input.locked ?? false,
      auth_code: newAuthCode(),
      label: input.label ?? null,
      note: input.note ?? '',
      customer_id: input.customerId ?? null,
      premium: price.premium,
      order_id: order.id,
      ...service,
      ...contacts,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Account defaults fill in what the request did not set (an NSSET counts as a chosen delegation).
  const explicit = registrationTemplateKeys(input.nsset !== undefined ? { ...input, nameServers: [] } : input);
  const row = await applyAccountDefaults(ctx, inserted, explicit);
  return {
    domain: toDomainView(row, ctx.policy, ctx.now),
    orderNumber: order.number,
    orderStatus: async ? 'processing' : 'completed',
    quote: price,
  };
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

function verifyDomainType(type: DomainType, kind: 'paid' | 'free', tld: string): DomainType {
  if (type !== 'FREE' && type !== 'PAID') throw new InvalidValue('domaintype', 'FREE or PAID is required', type);
  if (type === 'FREE' && kind !== 'free') throw new InvalidValue('domaintype', `.${tld} offers no free registrations`, type);
  return type;
}

async function verifyAvailable(ctx: FlowContext, ascii: string, name: ReturnType<typeof parseDomainName>, policy: Parameters<typeof availabilityOf>[2]): Promise<void> {
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
      for (const b of randomBytes(AUTH_CODE_LENGTH * 2)) {
        if (b < limit && out.length < AUTH_CODE_LENGTH) out += AUTH_CODE_ALPHABET[b % n];
      }
    }
    if (/[0-9]/.test(out) && /[A-Za-z]/.test(out)) return out;
  }
}
