/**
 * POST domain/renew: extend a domain by a period (default: 1Y PAID, 3M
 * FREE). A renewal the engine refuses for the domain's state or its renewal
 * window (free domains renew only in their last days) answers the
 * documented "NOT AVAILABLE" result.
 */
import { renewDomain, type ErrorCode } from '../../../core/index.ts';
import { periodMonths } from '../params.ts';
import { ok, priceTerms, wireDate, wirePeriod } from '../render.ts';
import { contactNumberFields } from '../domain-data.ts';
import { defineCommand } from './command.ts';

interface RenewInput {
  readonly name: string;
  readonly periodMonths: number | undefined;
}

const NOT_RENEWABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['RENEW_NOT_ALLOWED', 'DOMAIN_STATUS_PROHIBITS']);

export const domainRenew = defineCommand<RenewInput>({
  path: 'domain/renew',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'period', 'email', 'password'] },
  uses: [renewDomain],
  parse(params) {
    return { name: params.required('domainname'), periodMonths: periodMonths(params) };
  },
  async run(call, input) {
    const r = await call.run(renewDomain, { name: input.name, ...(input.periodMonths !== undefined ? { periodMonths: input.periodMonths } : {}) });
    const d = r.domain;
    const common = { domainname: d.name, domaintype: d.domainType, expirationdate: wireDate(d.expiresAt), period: wirePeriod(d.periodMonths, d.domainType) };
    if (d.domainType === 'FREE') return ok({ domain: [{ ...common, status: 'RENEWED' }] }, 'DOMAIN RENEWED');
    const { currency, partnerprice, retailprice } = priceTerms(r.quote);
    return ok({
      domain: [{ currency, ...common, partnerprice, retailprice, ...contactNumberFields(r.contacts), status: 'RENEWED' }],
    }, 'DOMAIN RENEWED');
  },
  recovers: [...NOT_RENEWABLE],
  recover(error, input) {
    if (!NOT_RENEWABLE.has(error.code)) return undefined;
    return ok({ domain: [{ domainname: String(error.details.name ?? input.name), status: 'NOT AVAILABLE' }] }, 'NOT AVAILABLE');
  },
});
