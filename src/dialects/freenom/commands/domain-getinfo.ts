/**
 * GET domain/getinfo: one domain of the caller with its service (forward
 * or name servers with glue) and, for PAID domains, auth code, auto-renew,
 * renewal price for its current period and the four contacts.
 * Dot CF edition: no autorenew and no forward_mode field.
 */
import { getDomainOverview, quoteDomainPrices } from '../../../core/index.ts';
import { contactFields, enabled, ok, priceTerms, wireDate, wireDomainStatus, wirePeriod, type WireObject } from '../render.ts';
import { FORWARD_MODE_NAMES } from '../service-params.ts';
import { accountOf, defineCommand } from './command.ts';

export const domainGetinfo = defineCommand<{ readonly name: string }>({
  path: 'domain/getinfo',
  method: 'GET',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password'] },
  uses: [getDomainOverview, quoteDomainPrices],
  // Reads only: each flow by itself, without BEGIN/COMMIT (the overview is one statement; the quote reads no database).
  transaction: 'flow',
  parse(params) {
    return { name: params.required('domainname') };
  },
  async run(call, input, env) {
    const currency = accountOf(env).defaultCurrency;
    const { domain: d, nameServers, authCode, contacts: roles } = await call.run(getDomainOverview, { name: input.name });
    const paid = d.domainType === 'PAID';
    const freenom = env.edition === 'freenom';

    let paidFields: WireObject = {};
    if (paid) {
      const [price] = await call.run(quoteDomainPrices, { name: d.name, op: 'renew', periodMonths: d.periodMonths, currency });
      const terms = priceTerms(price!.quote);
      paidFields = {
        // '' while the registrant cannot read it (a cancelled domain in redemption).
        authcode: authCode ?? '',
        ...(freenom ? { autorenew: enabled(d.autoRenew) } : {}),
        pricing: [{ currency: terms.currency, period: wirePeriod(d.periodMonths, 'PAID'), partnerprice: terms.partnerprice, retailprice: terms.retailprice }],
      };
    }
    const contacts = paid ? roles : null;
    const domain: WireObject = {
      domainname: d.name,
      domaintype: d.domainType,
      expirationdate: wireDate(d.expiresAt),
      ...paidFields,
      status: wireDomainStatus(d.state),
      forward_url: d.forwardUrl ?? '',
      ...(freenom ? { forward_mode: d.forwardKind ? FORWARD_MODE_NAMES[d.forwardKind] : '' } : {}),
      nameserver: nameServers.map((ns) => ({ hostname: ns.name, ipaddress: ns.addresses[0] ?? '' })),
      ...(contacts
        ? {
          owner_contact: contactFields(contacts.registrant),
          admin_contact: contactFields(contacts.admin),
          tech_contact: contactFields(contacts.tech),
          billing_contact: contactFields(contacts.billing),
        }
        : {}),
    };
    return ok({ domain: [domain] }, 'DOMAIN LISTED');
  },
});
