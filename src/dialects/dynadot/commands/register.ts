/**
 * register (§15.1, [L127-186], §17): one domain, paid from the balance.
 * `duration` in years; the four contact ids are public contact numbers
 * (roles left out get the account's defaults); `premium=1` is the consent
 * to a premium price (without it: "this domain is a premium domain, please
 * use premium option"); `currency` the one charged (default the
 * account's). A name that cannot be had (registered, reserved, blocked,
 * in redemption) answers `SuccessCode 1`, `Status not_available`; too
 * little balance `Status insufficient_funds`; a registry that creates
 * asynchronously `Status order_pending_process`. `option0`/`option1`
 * (registrant name and organization of a .at or .be domain) must agree
 * with the registrant contact, which carries them. `coupon`: see
 * domain-params.ts.
 */
import { findContact, registerDomain, type ContactAssignment } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { unixMs } from '../values.ts';
import { defineCommand } from './command.ts';
import { readContacts, readCurrency, readDurationMonths, readLanguage, refuseCoupon } from './domain-params.ts';

interface RegisterInput {
  readonly name: string;
  readonly periodMonths: number;
  readonly contacts: ContactAssignment | undefined;
  readonly premium: boolean;
  readonly currency: string | undefined;
  readonly options: { readonly name?: string; readonly organization?: string } | undefined;
}

const NOT_AVAILABLE = { message: 'not_available', code: 1, status: 'not_available' } as const;

/** The not-available family: whatever keeps the name from this account is `not_available`. */
export const REGISTER_ERRORS = {
  DOMAIN_NOT_AVAILABLE: NOT_AVAILABLE,
  DOMAIN_RESERVED: NOT_AVAILABLE,
  DOMAIN_BLOCKED: NOT_AVAILABLE,
  DOMAIN_QUARANTINED: NOT_AVAILABLE,
} as const;

export const register = defineCommand<RegisterInput>({
  name: 'register',
  uses: [registerDomain, findContact],
  transaction: 'flow',
  errors: REGISTER_ERRORS,
  parse(params) {
    const name = params.required('domain');
    readLanguage(params, 'language');
    const periodMonths = readDurationMonths(params, true)!;
    const contacts = readContacts(params);
    refuseCoupon(params);
    const option0 = params.one('option0');
    const option1 = params.one('option1');
    let options: RegisterInput['options'];
    if ((option0 ?? '') !== '' || (option1 ?? '') !== '') {
      if (!/\.(at|be)\.?$/i.test(name)) throw new DynadotError('option0 and option1 are only used for .at and .be domains');
      if (contacts?.registrant === undefined) throw DynadotError.missing('registrant_contact');
      options = { ...(option0 ? { name: option0 } : {}), ...(option1 ? { organization: option1 } : {}) };
    }
    return { name, periodMonths, contacts, premium: params.flag('premium'), currency: readCurrency(params), options };
  },
  async run(call, input) {
    if (input.options !== undefined) {
      const registrant = await call.run(findContact, { contactId: input.contacts!.registrant! });
      const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
      const person = [registrant.firstName, registrant.lastName].filter((s) => s !== '').join(' ');
      if (input.options.name !== undefined && !same(input.options.name, person) && !same(input.options.name, registrant.name)) {
        throw new DynadotError('option0 does not match the name of the registrant contact');
      }
      if (input.options.organization !== undefined && !same(input.options.organization, registrant.organization)) {
        throw new DynadotError('option1 does not match the organization of the registrant contact');
      }
    }
    const r = await call.run(registerDomain, {
      name: input.name,
      periodMonths: input.periodMonths,
      ...(input.contacts !== undefined ? { contacts: input.contacts } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.premium ? { acceptPremium: true } : {}),
    });
    const expiration = unixMs(r.domain.expiresAt);
    return {
      status: r.orderStatus === 'processing' ? 'order_pending_process' : 'success',
      content: { Expiration: expiration },
      json: { DomainName: r.domain.name, Expiration: expiration },
    };
  },
});
