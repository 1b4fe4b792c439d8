/**
 * POST domain/register: register, delegate (name servers, whose glue must
 * already exist for hosts under a domain of this registry) or forward, and
 * assign the contacts, in one engine call. Roles left out get the account's
 * default contacts (an engine rule). A name someone holds (or the
 * registry keeps) answers the documented "NOT AVAILABLE" result.
 * Dot CF edition: no forward_mode and no autorenew parameter or field.
 */
import { registerDomain } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactId, domainType, enabledFlag, periodMonths, type DomainType } from '../params.ts';
import { enabled, ok, priceTerms, wireDate, wirePeriod } from '../render.ts';
import { contactNumberFields, definedRoles } from '../domain-data.ts';
import { NOT_AVAILABLE_CODES, serviceParams, type ForwardKind } from '../service-params.ts';
import { defineCommand, IDEMPOTENCY_WINDOW_MS } from './command.ts';

interface RegisterInput {
  readonly name: string;
  readonly periodMonths: number | undefined;
  readonly forward: { readonly url: string; readonly kind: ForwardKind } | undefined;
  readonly nameServers: readonly string[];
  readonly owner: number | undefined;
  readonly billing: number | undefined;
  readonly tech: number | undefined;
  readonly admin: number | undefined;
  readonly type: DomainType;
  readonly idshield: boolean | undefined;
  readonly autoRenew: boolean | undefined;
}

export const domainRegister = defineCommand<RegisterInput>({
  path: 'domain/register',
  method: 'POST',
  auth: 'required',
  params: {
    names: ['domainname', 'period', 'forward_url', 'forward_mode', 'nameserver', 'owner_id', 'billing_id', 'tech_id', 'admin_id', 'email', 'password', 'domaintype', 'idshield', 'autorenew'],
    multiple: ['nameserver'],
    freenomOnly: ['forward_mode', 'autorenew'],
  },
  uses: [registerDomain],
  // The registration runs by itself, in autocommit when it can, with the POST idempotency claimed in its own statement.
  transaction: 'flow',
  claimsRequest: true,
  parse(params, env) {
    const name = params.required('domainname');
    const period = periodMonths(params);
    const { forward, nameServers } = serviceParams(params, env.edition);
    const owner = contactId(params, 'owner_id');
    const billing = contactId(params, 'billing_id');
    const tech = contactId(params, 'tech_id');
    const admin = contactId(params, 'admin_id');
    const type = domainType(params);
    const idshield = enabledFlag(params, 'idshield');
    const autoRenew = env.edition === 'freenom' ? enabledFlag(params, 'autorenew') : undefined;
    // owner_id may be left out with ID shield, and for FREE domains (their
    // responses carry no contacts at all).
    if (owner === undefined && type === 'PAID' && idshield !== true) throw new WireError('Missing parameter: owner_id');
    return { name, periodMonths: period, forward, nameServers, owner, billing, tech, admin, type, idshield, autoRenew };
  },
  async run(call, input, env) {
    const reg = await call.run(registerDomain, {
      name: input.name,
      domainType: input.type,
      ...(input.periodMonths !== undefined ? { periodMonths: input.periodMonths } : {}),
      ...(input.autoRenew !== undefined ? { autoRenew: input.autoRenew } : {}),
      ...(input.idshield !== undefined ? { privacy: input.idshield ? 'full' : 'off' } : {}),
      ...(input.forward ? { forward: input.forward } : {}),
      ...(input.nameServers.length > 0 ? { nameServers: input.nameServers } : {}),
      contacts: definedRoles({ registrant: input.owner, admin: input.admin, tech: input.tech, billing: input.billing }),
      // Its own key: what is kept is the registration's result, not a rendered response (a response kept under the plain
      // key by an earlier version of regd is not taken for one).
      ...(env.request ? { request: { fn: `${env.request.fn}#result`, paramsHash: env.request.paramsHash, windowMs: IDEMPOTENCY_WINDOW_MS } } : {}),
    });
    const d = reg.domain;

    const common = { domainname: d.name, domaintype: d.domainType, expirationdate: wireDate(d.expiresAt), period: wirePeriod(d.periodMonths, d.domainType) };
    if (d.domainType === 'FREE') return ok({ domain: [{ ...common, status: 'REGISTERED' }] }, 'DOMAIN REGISTERED');
    const { currency, partnerprice, retailprice } = priceTerms(reg.quote);
    return ok({
      domain: [{
        currency,
        ...common,
        partnerprice,
        retailprice,
        ...contactNumberFields(reg.contacts),
        status: 'REGISTERED',
        authcode: reg.authCode,
        ...(env.edition === 'freenom' ? { autorenew: enabled(d.autoRenew) } : {}),
      }],
    }, 'DOMAIN REGISTERED');
  },
  recovers: [...NOT_AVAILABLE_CODES],
  recover(error, input) {
    if (!NOT_AVAILABLE_CODES.has(error.code)) return undefined;
    return ok({ domain: [{ domainname: String(error.details.name ?? input.name), domaintype: input.type, status: 'NOT AVAILABLE' }] }, 'NOT AVAILABLE');
  },
});

