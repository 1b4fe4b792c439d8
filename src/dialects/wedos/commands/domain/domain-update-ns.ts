/**
 * domain-update-ns: delegate the domain to `dns` servers (empty: regd's own
 * name servers) or, for .cz, to the NSSET `nsset` ("WEDOS": regd's own).
 * Glue from addr_ip4/addr_ip6 is written first for servers under the
 * domain itself or another domain of the account (see dns-servers.ts).
 * 2209 for an NSSET that is malformed, not the account's, or on another
 * TLD; 2210 for name servers that are malformed, too few or too many,
 * without the glue they need, or on .cz; 3223 for a domain the account
 * does not hold. No data.
 */
import { getDomain, setDomainNameServers, setDomainNsset, upsertHost } from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { parseDelegation, verifyDelegationForTld, DELEGATION_CODES, withDelegationRefusals, writeGlue, type Delegation } from './dns-servers.ts';
import { domainName } from './params.ts';

export const domainUpdateNs = defineCommand<{ readonly name: string; readonly delegation: Delegation }>({
  name: 'domain-update-ns',
  uses: [getDomain, upsertHost, setDomainNsset, setDomainNameServers],
  recovers: [...DELEGATION_CODES],
  parse(data) {
    const name = domainName(data);
    const delegation = parseDelegation(data);
    if (delegation === undefined) throw new WapiError(2100, 'Required parameter missing: dns');
    return { name, delegation };
  },
  async run(call, input) {
    const domain = await call.run(getDomain, { name: input.name });
    const d = input.delegation;
    verifyDelegationForTld(call, domain.tld, d);
    await withDelegationRefusals(async () => {
      if (d.kind === 'nsset' && d.handle !== null) {
        await call.run(setDomainNsset, { name: domain.name, handle: d.handle });
        return;
      }
      const servers = d.kind === 'dns' ? d.servers : [];
      await writeGlue(call, domain.name, servers);
      await call.run(setDomainNameServers, { name: domain.name, nameServers: servers.map((s) => s.name) });
    });
    return { code: 1000 };
  },
});
