/**
 * domain-info: the account's domain as `data.domain` (see domain-data.ts).
 * A name the account does not hold, whoever else does, is 3223; a name the
 * account held but that has been deleted (released) is 3222, the domain
 * object being gone (domains-list still shows it as "deleted").
 */
import { getDomain, getDomainExtras, isRegdError, listDomains, parseDomainName, type DomainView } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WapiCall } from '../../command.ts';
import { DOMAIN_INFO_EXTRAS, domainInfoData } from './domain-data.ts';
import { domainName } from './params.ts';

export const domainInfo = defineCommand<{ readonly name: string }>({
  name: 'domain-info',
  uses: [getDomainExtras, listDomains],
  transaction: 'flow',
  parse(data) {
    return { name: domainName(data) };
  },
  async run(call, input, env) {
    const x = await ownDomainRead(call, input.name, (name) => call.run(getDomainExtras, { name, include: DOMAIN_INFO_EXTRAS }));
    return { code: 1000, data: { domain: domainInfoData(call, x, env.ownNameServers) } };
  },
});

/** The account held the name once (a released registration of it is in its history). */
/** The account's domain by its wire name; 3222 for a name it held but that has been deleted (other refusals by the caller's table). */
export async function ownDomain(call: WapiCall, wireName: string): Promise<DomainView> {
  return ownDomainRead(call, wireName, (name) => call.run(getDomain, { name }));
}

/** ownDomain, read by `read` (a flow answering DomainNotFound as getDomain does). */
async function ownDomainRead<T>(call: WapiCall, wireName: string, read: (name: string) => Promise<T>): Promise<T> {
  const name = parseDomainName(wireName, call.policy).ascii;
  try {
    return await read(name);
  } catch (e) {
    if (isRegdError(e) && e.code === 'DOMAIN_NOT_FOUND' && (await heldBefore(call, name))) throw new WapiError(3222);
    throw e;
  }
}

async function heldBefore(call: WapiCall, name: string): Promise<boolean> {
  const { items } = await call.run(listDomains, { includeReleased: true, states: ['released'], search: name, limit: 1000 });
  return items.some((d) => d.name === name);
}
