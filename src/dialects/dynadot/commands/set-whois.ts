/**
 * set_whois (§15.2, [L601-643]): the registrant, admin, technical and
 * billing contacts of up to 100 domains, by contact id (the contacts'
 * public number, as contact_list shows it). A role not sent keeps its
 * contact; at least one role is needed. All or nothing (setting-domains.ts).
 */
import { setDomainContacts, type ContactAssignment } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';
import { settingDomains } from './setting-domains.ts';

const ROLE_PARAMS = [
  ['registrant', 'registrant_contact'],
  ['admin', 'admin_contact'],
  ['tech', 'technical_contact'],
  ['billing', 'billing_contact'],
] as const;

export const setWhois = defineCommand<{ readonly names: string[]; readonly contacts: ContactAssignment }>({
  name: 'set_whois',
  uses: [setDomainContacts],
  parse(params) {
    const names = settingDomains(params);
    const contacts: { -readonly [K in keyof ContactAssignment]: number } = {};
    for (const [role, param] of ROLE_PARAMS) {
      const id = params.integer(param, 1);
      if (id !== undefined) contacts[role] = id;
    }
    if (Object.keys(contacts).length === 0) throw DynadotError.missing('registrant_contact');
    return { names, contacts };
  },
  async run(call, input) {
    for (const name of input.names) await call.run(setDomainContacts, { name, ...input.contacts });
    return {};
  },
});
