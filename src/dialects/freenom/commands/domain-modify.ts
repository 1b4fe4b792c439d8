/**
 * PUT domain/modify: name servers (glue checked, forwarding cleared) or
 * URL forwarding (name servers cleared), ID shield, auto-renew and
 * contacts; only what is given changes, all in one transaction. A call
 * that gives nothing to change answers MODIFIED for a domain it may modify.
 * Dot CF edition: no forward_mode and no autorenew parameter.
 */
import { modifyDomain, setDomainContacts, setDomainNameServers } from '../../../core/index.ts';
import { contactId, enabledFlag } from '../params.ts';
import { definedRoles } from '../domain-data.ts';
import { ok } from '../render.ts';
import { serviceParams, type ForwardKind } from '../service-params.ts';
import { defineCommand } from './command.ts';

interface ModifyInput {
  readonly name: string;
  readonly forward: { readonly url: string; readonly kind: ForwardKind } | undefined;
  readonly nameServers: readonly string[];
  readonly contacts: { readonly registrant?: number; readonly admin?: number; readonly tech?: number; readonly billing?: number };
  readonly idshield: boolean | undefined;
  readonly autoRenew: boolean | undefined;
}

export const domainModify = defineCommand<ModifyInput>({
  path: 'domain/modify',
  method: 'PUT',
  auth: 'required',
  params: {
    names: ['domainname', 'forward_url', 'forward_mode', 'nameserver', 'owner_id', 'admin_id', 'tech_id', 'billing_id', 'email', 'password', 'idshield', 'autorenew'],
    multiple: ['nameserver'],
    freenomOnly: ['forward_mode', 'autorenew'],
  },
  uses: [setDomainNameServers, modifyDomain, setDomainContacts],
  parse(params, env) {
    const name = params.required('domainname');
    const { forward, nameServers } = serviceParams(params, env.edition);
    const registrant = contactId(params, 'owner_id');
    const admin = contactId(params, 'admin_id');
    const tech = contactId(params, 'tech_id');
    const billing = contactId(params, 'billing_id');
    const idshield = enabledFlag(params, 'idshield');
    const autoRenew = env.edition === 'freenom' ? enabledFlag(params, 'autorenew') : undefined;
    const contacts = definedRoles({ registrant, admin, tech, billing });
    return { name, forward, nameServers, contacts, idshield, autoRenew };
  },
  async run(call, input) {
    if (input.nameServers.length > 0) await call.run(setDomainNameServers, { name: input.name, nameServers: input.nameServers });
    const d = await call.run(modifyDomain, {
      name: input.name,
      ...(input.forward ? { service: { forward: input.forward } } : {}),
      ...(input.idshield !== undefined ? { privacy: input.idshield ? 'full' : 'off' } : {}),
      ...(input.autoRenew !== undefined ? { autoRenew: input.autoRenew } : {}),
    });
    if (Object.keys(input.contacts).length > 0) await call.run(setDomainContacts, { name: d.name, ...input.contacts });
    return ok({ domain: [{ domainname: d.name, status: 'MODIFIED' }] }, 'DOMAIN MODIFIED');
  },
});
