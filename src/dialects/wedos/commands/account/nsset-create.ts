/**
 * nsset-create (.cz delegations): data {tld (default cz), name (the NSSET
 * handle; absent: regd assigns REGD-N<n>), dns (see nsset-dns.ts), tech_c
 * (optional contact handle of the account)}. 1000 with data {nsset: <handle>}.
 *
 * Refusals: tld not an NSSET TLD 2201; malformed handle 2247; handle taken
 * (by anyone) 3245; servers malformed, glue missing or not allowed 2210;
 * fewer than two servers 2210, more than ten 2211; tech_c malformed 2216,
 * unknown or another account's 3229.
 */
import { createNsset, findContact, isRegdError, type NssetHostInput } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WapiCall } from '../../command.ts';
import { nssetServers } from './nsset-dns.ts';
import { verifyNssetTld } from './nsset-tld.ts';
import { optionalText, tldOf } from './params.ts';

interface Input {
  readonly tld: string | undefined;
  readonly handle: string | undefined;
  readonly hosts: readonly NssetHostInput[];
  readonly techHandle: string | undefined;
}

export const nssetCreate = defineCommand<Input>({
  name: 'nsset-create',
  uses: [findContact, createNsset],
  parse(data) {
    return {
      tld: tldOf(data),
      handle: optionalText(data, ['name', 'nsset'], 2247),
      hosts: nssetServers(data.dns),
      techHandle: optionalText(data, ['tech_c'], 2216),
    };
  },
  async run(call, input) {
    verifyNssetTld(call, input.tld);
    const techContactId = input.techHandle === undefined ? undefined : await techNumber(call, input.techHandle);
    try {
      const nsset = await call.run(createNsset, {
        hosts: input.hosts,
        ...(input.handle !== undefined ? { handle: input.handle } : {}),
        ...(techContactId !== undefined ? { techContactId } : {}),
      });
      return { code: 1000, data: { nsset: nsset.handle } };
    } catch (e) {
      if (!isRegdError(e)) throw e;
      const param = String(e.details.param ?? '');
      if (e.code === 'INVALID_VALUE' && param === 'nsset') throw new WapiError(2247);
      if (e.code === 'INVALID_NAME_SERVER_COUNT') throw new WapiError(input.hosts.length > 10 ? 2211 : 2210, 'Invalid DNS server format: 2 to 10 name servers are required');
      if (e.code === 'INVALID_VALUE' && (param === 'hosts' || param.startsWith('ip'))) throw new WapiError(2210, `Invalid DNS server format: ${e.message}`);
      throw e;
    }
  },
});

async function techNumber(call: WapiCall, handle: string): Promise<number> {
  try {
    return (await call.run(findContact, { handle })).id;
  } catch (e) {
    if (isRegdError(e) && e.code === 'CONTACT_NOT_FOUND') throw new WapiError(3229);
    if (isRegdError(e) && (e.code === 'INVALID_VALUE' || e.code === 'MISSING_PARAMETER')) throw new WapiError(2216);
    throw e;
  }
}
