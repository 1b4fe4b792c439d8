/** Marketplace listings and expired closeouts (flows/marketplace, flows/closeouts). */
import { InvalidParameter, NotFound, PolicyViolation, StatusProhibits } from './base.ts';

/** The name is not listed for sale (or its lister no longer holds it). */
export class ListingNotFound extends NotFound<{ name: string }> {
  readonly code = 'LISTING_NOT_FOUND';
  constructor(name: string) {
    super(`Domain ${name} is not listed for sale.`, { name });
  }
}

/** A buyer cannot buy their own listing. */
export class OwnListing extends PolicyViolation<{ name: string }> {
  readonly code = 'OWN_LISTING';
  constructor(name: string) {
    super(`Domain ${name} is your own listing.`, { name });
  }
}

/** The listed domain is about to change hands another way (a transfer or push in progress): the listing is locked. */
export class ListingPendingSale extends StatusProhibits<{ name: string }> {
  readonly code = 'LISTING_PENDING_SALE';
  constructor(name: string) {
    super(`Domain ${name} is locked by a pending sale.`, { name });
  }
}

/** A listing is priced in one currency; regd keeps no exchange rates. */
export class ListingCurrencyMismatch extends InvalidParameter<{ param: string; name: string; currency: string }> {
  readonly code = 'LISTING_CURRENCY_MISMATCH';
  constructor(name: string, currency: string) {
    super(`Domain ${name} is listed in ${currency}.`, { param: 'currency', name, currency });
  }
}

/** The name is not in expired closeout (never entered, ended, or its holder renewed it). */
export class CloseoutNotFound extends NotFound<{ name: string }> {
  readonly code = 'CLOSEOUT_NOT_FOUND';
  constructor(name: string) {
    super(`Domain ${name} is not in expired closeout.`, { name });
  }
}

/** Someone bought the closeout first. */
export class CloseoutSold extends StatusProhibits<{ name: string }> {
  readonly code = 'CLOSEOUT_SOLD';
  constructor(name: string) {
    super(`Domain ${name} has already been sold.`, { name });
  }
}

/** Only a registration in its auto-renew grace (projected `expired`) can enter closeout. */
export class CloseoutNotEligible extends StatusProhibits<{ name: string; state: string }> {
  readonly code = 'CLOSEOUT_NOT_ELIGIBLE';
  constructor(name: string, state: string) {
    super(`Domain ${name} is ${state}; only an expired registration in its auto-renew grace can enter closeout.`, { name, state });
  }
}

/** The holder of the expired registration renews it instead of buying it. */
export class CloseoutOwnDomain extends PolicyViolation<{ name: string }> {
  readonly code = 'CLOSEOUT_OWN_DOMAIN';
  constructor(name: string) {
    super(`Domain ${name} is still yours; renew it instead.`, { name });
  }
}
