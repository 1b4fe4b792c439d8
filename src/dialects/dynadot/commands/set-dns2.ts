/**
 * set_dns2 (§15.3, §7.1, [L859-909]): the DNS settings of up to 100
 * domains (comma list) on Dynadot DNS, i.e. regd's own name servers.
 * Records are served by regd's DNS at once (replaceZone publishes).
 *
 * Without `add_dns_to_current_setting=1` the request replaces the whole
 * setting ("écrasera les paramètres DNS actuels"): the domain moves to
 * regd's name servers if it was elsewhere, its zone becomes exactly the
 * given records, its e-mail forwarding becomes the given email records
 * (none: no forwarding), and a forward/stealth record makes it forwarded.
 * With it, the records are added to the current ones (e-mail aliases
 * too), and the real service's rule holds (§17): a domain without a main
 * record (no record at the domain itself, no forward, no e-mail alias)
 * is refused. Pseudo-types: dns2-records.ts. All or nothing across the
 * domains (one transaction).
 */
import { getDomain, listRecords, modifyDomain, replaceZone, setEmailForward, type DomainView } from '../../../core/index.ts';
import type { FlowCaller } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { readDns2, type Dns2Settings } from './dns2-records.ts';
import { settingDomains } from './setting-domains.ts';

interface SetDns2Input extends Dns2Settings {
  readonly names: readonly string[];
  readonly append: boolean;
}

export const setDns2 = defineCommand<SetDns2Input>({
  name: 'set_dns2',
  uses: [getDomain, listRecords, modifyDomain, replaceZone, setEmailForward],
  parse(params) {
    const names = settingDomains(params);
    const append = params.flag('add_dns_to_current_setting');
    return { names, append, ...readDns2(params) };
  },
  async run(call, input) {
    for (const name of input.names) {
      const domain = await call.run(getDomain, { name });
      if (input.append) await append(call, domain, input);
      else await replace(call, domain, input);
    }
    return {};
  },
});

async function replace(call: FlowCaller, d: DomainView, input: SetDns2Input): Promise<void> {
  if (d.serviceMode !== 'regd_dns') await call.run(modifyDomain, { name: d.name, service: { nameServers: [] } });
  await call.run(replaceZone, { name: d.name, records: input.records });
  const forward = input.emails.length > 0 ? { type: 'forward' as const, aliases: input.emails } : { type: 'donot' as const };
  await call.run(setEmailForward, { name: d.name, forward });
  if (input.forward !== undefined) await call.run(modifyDomain, { name: d.name, service: { forward: input.forward } });
}

async function append(call: FlowCaller, d: DomainView, input: SetDns2Input): Promise<void> {
  const forwarded = d.serviceMode === 'forward' || d.serviceMode === 'stealth';
  const current = d.serviceMode === 'regd_dns' ? (await call.run(listRecords, { name: d.name })).records : [];
  const aliases = d.emailForward.type === 'forward' ? d.emailForward.aliases : [];
  const hasMain = forwarded || aliases.length > 0 || current.some((r) => r.name === '@');
  if (!hasMain) throw new DynadotError('add_dns_to_current_setting needs a main record: the domain has none, set its dns without it first');
  if ((forwarded && (input.records.length > 0 || input.forward !== undefined)) || (input.forward !== undefined && current.length > 0)) {
    throw new DynadotError('a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
  }
  const isMainMx = (r: { readonly type: string; readonly name: string }) => r.type.toUpperCase() === 'MX' && r.name === '@';
  const addsMainMx = input.records.some(isMainMx);
  const mixes = (addsMainMx && aliases.length + input.emails.length > 0) || (input.emails.length > 0 && current.some(isMainMx));
  if (mixes) {
    throw new DynadotError('email records can not be mixed with main mx records');
  }
  if (input.records.length > 0) await call.run(replaceZone, { name: d.name, records: input.records, append: true });
  if (input.emails.length > 0) await call.run(setEmailForward, { name: d.name, forward: { type: 'forward', aliases: [...aliases, ...input.emails] } });
  if (input.forward !== undefined) await call.run(modifyDomain, { name: d.name, service: { forward: input.forward } });
}
