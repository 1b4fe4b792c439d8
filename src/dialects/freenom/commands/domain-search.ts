/**
 * GET domain/search: availability of one name as FREE or PAID. A PAID
 * answer for an available name carries one pricing entry per registration
 * period the TLD offers. Credentials are optional; given, they must be
 * right, and the prices are in the account's currency (else EUR).
 */
import { checkAvailability, quoteDomainPrices } from '../../../core/index.ts';
import { domainType, type DomainType } from '../params.ts';
import { ok, priceTerms, wirePeriod, type WireObject } from '../render.ts';
import { defineCommand } from './command.ts';

interface SearchInput {
  readonly name: string;
  readonly type: DomainType;
}

export const domainSearch = defineCommand<SearchInput>({
  path: 'domain/search',
  method: 'GET',
  auth: 'optional',
  params: { names: ['domainname', 'email', 'password', 'domaintype'] },
  uses: [checkAvailability, quoteDomainPrices],
  transaction: 'flow',
  parse(params) {
    return { name: params.required('domainname'), type: domainType(params) };
  },
  async run(call, input) {
    const [r] = await call.run(checkAvailability, { names: [input.name], domainType: input.type });
    if (!r!.ok) throw r!.error;
    const available = r!.availability === 'available';
    const pricing: WireObject[] = [];
    if (available && input.type === 'PAID' && r!.price) {
      for (const price of await call.run(quoteDomainPrices, { name: r!.name.ascii, op: 'register', currency: r!.price.currency })) {
        const { periodMonths } = price;
        const { currency, partnerprice, retailprice } = priceTerms(price.quote);
        pricing.push({ currency, period: wirePeriod(periodMonths, 'PAID'), partnerprice, retailprice });
      }
    }
    const domain: WireObject = {
      domainname: r!.name.ascii,
      domaintype: input.type,
      ...(input.type === 'PAID' && available ? { pricing } : {}),
      status: available ? 'AVAILABLE' : 'NOT AVAILABLE',
    };
    return ok({ domain: [domain] }, available ? 'DOMAIN AVAILABLE' : 'DOMAIN NOT AVAILABLE');
  },
});
