/**
 * domain-renew: extend the domain by `period` years from its current
 * expiry, charging the TLD's renewal price. data: {expiration}.
 *
 * 2269 "renewal request already exists": the domain's automatic renewal
 * for the current term is already due (auto-renew on, and the term within
 * the TLD's early-renewal time of its end: 30 days for .cz and .sk, the
 * expiry itself elsewhere) and has not happened yet: the sweeper is about
 * to renew it, or waits for credit to retry. Top up the credit and it
 * renews; or turn auto-renew off and renew by hand. 2203 for a period the
 * TLD does not offer or that would reach past its maximum horizon; 3002
 * without enough credit; 3223 for a domain the account does not hold.
 */
import { getDomain, renewDomain } from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { domainName, periodMonths } from './params.ts';
import { wireDate } from './render.ts';
import { renewalPending } from './statuses.ts';

export const domainRenew = defineCommand<{ readonly name: string; readonly periodMonths: number }>({
  name: 'domain-renew',
  uses: [getDomain, renewDomain],
  parse(data) {
    return { name: domainName(data), periodMonths: periodMonths(data) };
  },
  async run(call, input) {
    const domain = await call.run(getDomain, { name: input.name });
    if (renewalPending(domain, call.policy.get(domain.tld), call.now)) throw new WapiError(2269);
    const renewed = await call.run(renewDomain, { name: domain.name, periodMonths: input.periodMonths });
    return { code: 1000, data: { expiration: wireDate(renewed.newExpiresAt) } };
  },
});
