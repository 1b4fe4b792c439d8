/**
 * POST domain/upgrade: a FREE domain becomes PAID; `period` (years) is
 * added to its expiry and charged as a registration of that period. The
 * table marks `period` Multiple: repeated values (or period[]=…) add up. ID
 * shield and contacts are set in the same transaction.
 */
import { modifyDomain, setDomainContacts, upgradeDomain } from '../../../core/index.ts';
import { WireError } from '../errors.ts';
import { contactId, enabledFlag, periodValueMonths } from '../params.ts';
import { definedRoles } from '../domain-data.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

interface UpgradeInput {
  readonly name: string;
  readonly contacts: { readonly registrant?: number; readonly admin?: number; readonly tech?: number; readonly billing?: number };
  readonly idshield: boolean | undefined;
  readonly periodMonths: number;
}

export const domainUpgrade = defineCommand<UpgradeInput>({
  path: 'domain/upgrade',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password', 'owner_id', 'billing_id', 'admin_id', 'tech_id', 'idshield', 'period'], multiple: ['period'] },
  uses: [upgradeDomain, modifyDomain, setDomainContacts],
  parse(params) {
    const name = params.required('domainname');
    const registrant = contactId(params, 'owner_id');
    const billing = contactId(params, 'billing_id');
    const admin = contactId(params, 'admin_id');
    const tech = contactId(params, 'tech_id');
    const idshield = enabledFlag(params, 'idshield');
    const periods = params.many('period').map((v) => periodValueMonths(v));
    if (periods.length === 0) throw new WireError('Missing parameter: period');
    // "Nombre d'années à ajouter", marked Multiple: each value given adds its years (the total is the TLD's to allow).
    const period = periods.reduce((sum, months) => sum + months, 0);
    const contacts = definedRoles({ registrant, admin, tech, billing });
    return { name, contacts, idshield, periodMonths: period };
  },
  async run(call, input) {
    const { domain } = await call.run(upgradeDomain, { name: input.name, periodMonths: input.periodMonths });
    if (input.idshield !== undefined) await call.run(modifyDomain, { name: domain.name, privacy: input.idshield ? 'full' : 'off' });
    if (Object.keys(input.contacts).length > 0) await call.run(setDomainContacts, { name: domain.name, ...input.contacts });
    return ok({ domain: [{ domainname: domain.name, result: 'DOMAIN UPGRADED', status: 'UPGRADED' }] });
  },
});
