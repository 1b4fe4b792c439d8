/**
 * PUT nameserver/register: create or update the glue record (host object
 * with one address, IPv4 or IPv6) of a name server under one of the
 * caller's domains. `hostname` is the full host name, or a single label
 * taken under `domainname` ("ns1" → "ns1.example.tk").
 */
import { upsertHost } from '../../../core/index.ts';
import type { Params } from '../params.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

interface GlueInput {
  readonly domain: string;
  readonly host: string;
  readonly ip: string;
}

export function hostNameParam(params: Params, domain: string): string {
  const host = params.required('hostname').trim();
  return host.includes('.') ? host : `${host}.${domain.trim()}`;
}

export const nameserverRegister = defineCommand<GlueInput>({
  path: 'nameserver/register',
  method: 'PUT',
  auth: 'required',
  params: { names: ['domainname', 'hostname', 'ipaddress', 'email', 'password'] },
  uses: [upsertHost],
  transaction: 'flow',
  parse(params) {
    const domain = params.required('domainname');
    const host = hostNameParam(params, domain);
    return { domain, host, ip: params.required('ipaddress') };
  },
  async run(call, input) {
    const { host, created } = await call.run(upsertHost, { name: input.host, addresses: [input.ip], domain: input.domain });
    const status = created ? 'REGISTERED' : 'UPDATED';
    return ok({
      nameserver: [{ domainname: host.domain ?? input.domain.trim().toLowerCase(), hostname: host.name, ipaddress: host.addresses[0] ?? '', status }],
    }, `NAMESERVER ${status}`);
  },
});
