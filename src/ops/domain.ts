/**
 * Domains as the operator sees them. The domain flows are scoped to one
 * account: `domain list` without --account walks every account, and
 * `domain show` without --account asks the registry view (checkAvailability)
 * who holds the name.
 */
import { OPERATOR } from '../core/context.ts';
import { DomainNotFound, isRegdError } from '../core/errors/index.ts';
import { listAccounts } from '../core/flows/accounts/index.ts';
import { checkAvailability, getDomain, listDomains, type DomainView } from '../core/flows/domains/index.ts';
import type { DomainState } from '../core/lifecycle/project-domain.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { fields, table } from './format.ts';
import { OPERATOR_SOURCE, flag, optionalAccountId, optionalText, requiredText } from './options.ts';

const AS_OPERATOR = { actor: OPERATOR, source: OPERATOR_SOURCE } as const;
/** listDomains pages at most this many per call. */
const PAGE = 1000;

type DomainJson = Jsonify<DomainView>;

export const domainList = defineCommand({
  name: 'domain list',
  async run(services: Services, o: Options) {
    const only = await optionalAccountId(services, o);
    const accountIds = only !== undefined ? [only] : (await services.engine.run(listAccounts, {}, AS_OPERATOR)).map((a) => a.id);
    const state = optionalText(o, 'state');
    const tld = optionalText(o, 'tld');
    const search = optionalText(o, 'search');
    const filter = {
      ...(state !== undefined ? { states: state.split(',').map((s) => s.trim() as DomainState) } : {}),
      ...(tld !== undefined ? { tld } : {}),
      ...(search !== undefined ? { search } : {}),
      includeReleased: flag(o, 'includeReleased'),
    };
    const out: DomainView[] = [];
    for (const accountId of accountIds) {
      for (let offset = 0; ; offset += PAGE) {
        const page = await services.engine.run(listDomains, { ...filter, accountId, offset, limit: PAGE }, AS_OPERATOR);
        out.push(...page.items);
        if (offset + PAGE >= page.total) break;
      }
    }
    return toJson(out.sort((a, b) => (a.name === b.name ? a.id - b.id : a.name < b.name ? -1 : 1)));
  },
  render(domains: DomainJson[]) {
    return table(
      ['NAME', 'ACCOUNT', 'STATE', 'TYPE', 'EXPIRES', 'AUTO-RENEW', 'SERVICE'],
      domains.map((d) => [displayName(d), String(d.accountId), d.state, d.domainType, d.expiresAt, d.autoRenew ? 'yes' : 'no', d.serviceMode]),
    );
  },
});

export const domainShow = defineCommand({
  name: 'domain show',
  async run(services: Services, o: Options) {
    const name = requiredText(o, 'name');
    const accountId = (await optionalAccountId(services, o)) ?? (await holderOf(services, name));
    return toJson(await services.engine.run(getDomain, { accountId, name }, AS_OPERATOR));
  },
  render(d: DomainJson) {
    return fields([
      ['Domain', displayName(d)],
      ['Account', String(d.accountId)],
      ['State', d.state + (d.inAddGrace ? ' (add grace)' : '')],
      ['Type', `${d.domainType}${d.premium ? ', premium' : ''}, ${d.periodMonths} months`],
      ['Created', d.createdAt],
      ['Expires', d.expiresAt],
      ...(d.redemptionEndsAt ? [['Redemption ends', d.redemptionEndsAt] as const] : []),
      ...(d.releasesAt ? [['Released at', d.releasesAt] as const] : []),
      ['Auto-renew', `${d.autoRenew ? 'yes' : 'no'} (${d.renewOption})`],
      ['Locked', d.locked ? 'yes' : 'no'],
      ['Privacy', d.privacy],
      ['Service', d.serviceMode + serviceDetail(d)],
      ['Label', d.label ?? '-'],
      ['Order', d.orderId === null ? '-' : String(d.orderId)],
    ]);
  },
});

async function holderOf(services: Services, name: string): Promise<number> {
  const [r] = await services.engine.run(checkAvailability, { names: [name] }, AS_OPERATOR);
  if (r && !r.ok && isRegdError(r.error)) throw r.error;
  if (r?.ok && r.holderAccountId !== undefined) return r.holderAccountId;
  // Free, or held in redemption / pending delete (the registry view names no holder then): --account finds those.
  throw new DomainNotFound(r?.ok ? r.name.ascii : name);
}

function displayName(d: DomainJson): string {
  return d.unicodeName !== d.name ? `${d.name} (${d.unicodeName})` : d.name;
}

function serviceDetail(d: DomainJson): string {
  if (d.nameServers.length > 0) return `: ${d.nameServers.join(', ')}`;
  if (d.forwardUrl) return `: ${d.forwardKind ?? ''} ${d.forwardUrl}`.trimEnd();
  return '';
}
