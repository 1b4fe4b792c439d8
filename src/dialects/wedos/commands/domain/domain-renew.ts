/**
 * domain-renew: extend the domain by `period` years from its current
 * expiry, charging the TLD's renewal price. data: {expiration}.
 *
 * 2269 "renewal request already exists" (the document: "already exists
 * unpaid (new) period"): core's renewDomainOnce refuses a second renewal
 * of the same term (RENEWAL_ALREADY_REQUESTED) — the term was already
 * renewed and the renewed period has not begun (the expiration year
 * already counts that renewal), or its automatic renewal is due and not
 * done (the sweeper is about to renew it, or waits for credit to retry).
 * A client retrying after a timeout, whose first request went through,
 * gets 2269, not a second charge. 2203 for a period the TLD does not offer
 * (checked before 2269) or that would reach past its maximum horizon; 3002
 * without enough credit; 3223 for a domain the account does not hold.
 */
import { renewDomainOnce } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { domainName, periodMonths } from './params.ts';
import { wireDate } from './render.ts';

export const domainRenew = defineCommand<{ readonly name: string; readonly periodMonths: number }>({
  name: 'domain-renew',
  uses: [renewDomainOnce],
  parse(data) {
    return { name: domainName(data), periodMonths: periodMonths(data) };
  },
  errors: { RENEWAL_ALREADY_REQUESTED: 2269 },
  async run(call, input) {
    const renewed = await call.run(renewDomainOnce, { name: input.name, periodMonths: input.periodMonths });
    return { code: 1000, data: { expiration: wireDate(renewed.newExpiresAt) } };
  },
});
