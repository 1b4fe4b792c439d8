/**
 * domain-create: register a name for `period` years, delegated by `dns` or
 * `nsset` (one of them must be present; an empty `dns` means regd's own
 * name servers), with the owner_c (registrant) and admin_c contacts, after
 * the consent in `rules`. The TLD's price is charged once from the
 * account's credit in its default currency.
 *
 * Synchronous TLDs answer 1000; TLDs whose policy creates asynchronously
 * (.cn: the registry confirms after a delay) answer 1001 and the domain
 * stays setup_processing until then; the poll queue then carries the
 * outcome. Either way `data` is {num, expiration, credit}.
 *
 * Name servers under the new domain itself get their glue from
 * addr_ip4/addr_ip6 once the domain exists; that needs the domain to be
 * confirmed, so on asynchronous TLDs such servers are refused (2210): set
 * them with domain-update-ns after creation.
 *
 * A request that writes no glue (no server address given, no server under
 * the new name) makes one write, the registration: its calls then commit
 * each by itself (the registration in one statement when it can, no
 * transaction held across the request, the contacts checked and the credit
 * shown read by that same statement). Glue and registration commit
 * together.
 */
import {
  contactNumberOfHandle, isRegdError, parseNewDomainName, registerDomain, setDomainNameServers, type RegisterDomainInput, findContact, getDomain, upsertHost,
} from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { adminNumber, ownerNumber } from './contacts.ts';
import {
  parseDelegation, serversUnder, verifyDelegationForTld, DELEGATION_CODES, withDelegationRefusals, writeGlue, type Delegation,
} from './dns-servers.ts';
import { consent, domainName, optionalString, periodMonths, requiredString, type Consent } from './params.ts';
import { creditOf, wireDate } from './render.ts';

interface CreateInput {
  readonly name: string;
  readonly periodMonths: number;
  readonly delegation: Delegation;
  readonly owner: string;
  readonly admin: string | undefined;
  readonly consent: Consent;
}

export const domainCreate = defineCommand<CreateInput>({
  name: 'domain-create',
  uses: [findContact, getDomain, upsertHost, registerDomain, setDomainNameServers],
  recovers: [...DELEGATION_CODES],
  errors: { PREMIUM_CONSENT_REQUIRED: [3221, 'Creation failed: premium names cannot be registered through WAPI'] },
  limited: true,
  transaction: (input) => (writesGlue(input) ? 'command' : 'flow'),
  parse(data) {
    const name = domainName(data);
    const months = periodMonths(data);
    const delegation = parseDelegation(data);
    if (delegation === undefined) throw new WapiError(2100, 'Required parameter missing: dns');
    const owner = requiredString(data, 'owner_c', 2204);
    const admin = optionalString(data, 'admin_c');
    return { name, periodMonths: months, delegation, owner, admin, consent: consent(data) };
  },
  async run(call, input) {
    const name = parseNewDomainName(input.name, call.policy);
    const policy = call.policy.get(name.tld);
    const d = input.delegation;
    verifyDelegationForTld(call, name.tld, d);
    // A contact handle names its contact's number (REGD-C<number>): the registration itself checks that the account has
    // those contacts (in its statement), so no read comes first. A handle that names no number is looked up now (2207 / 2101);
    // when the registration is refused for any reason, the contacts are looked up then, so that their codes come first, as
    // when they were read before it.
    const owner = contactNumberOfHandle(input.owner);
    const admin = input.admin !== undefined ? contactNumberOfHandle(input.admin) : undefined;
    const contacts = {
      registrant: owner ?? (await ownerNumber(call, input.owner)),
      ...(input.admin !== undefined ? { admin: admin ?? (await adminNumber(call, input.admin)) } : {}),
    };
    const verifyContacts = async () => {
      if (owner !== undefined) await ownerNumber(call, input.owner);
      if (admin !== undefined) await adminNumber(call, input.admin!);
    };
    const servers = d.kind === 'dns' ? d.servers : [];
    const own = serversUnder(call, name.ascii, servers);
    if (own.length > 0 && policy.creation.mode === 'async') {
      await verifyContacts();
      throw new WapiError(2210, `Invalid DNS server format: .${name.tld} domains are created asynchronously; name servers under the domain itself can be set once it exists`);
    }

    const delegation: Partial<RegisterDomainInput> = d.kind === 'nsset'
      ? (d.handle !== null ? { nsset: d.handle } : { nameServers: [] })
      : { nameServers: own.length > 0 ? [] : servers.map((s) => s.name) };
    const reg = await withDelegationRefusals(async () => {
      try {
        await writeGlue(call, name.ascii, servers.filter((s) => !own.includes(s)));
        // withAccount: the credit shown is the account's as the registration left it (read by its own statement when it runs alone).
        const r = await call.run(registerDomain, { name: name.ascii, periodMonths: input.periodMonths, contacts, ...delegation, withAccount: true });
        if (own.length > 0) {
          await writeGlue(call, name.ascii, own);
          await call.run(setDomainNameServers, { name: name.ascii, nameServers: servers.map((s) => s.name) });
        }
        return r;
      } catch (e) {
        // A refusal (an engine error; in a transaction, one that left it usable): the contacts' own codes first.
        if (isRegdError(e)) await verifyContacts();
        throw e;
      }
    });
    return {
      code: reg.orderStatus === 'processing' ? 1001 : 1000,
      data: {
        num: reg.orderNumber,
        expiration: wireDate(reg.domain.expiresAt),
        credit: creditOf(reg.account!.balances, reg.quote.currency),
      },
    };
  },
});

/** Whether the request may write glue (a server with addresses, or one under the new name: its glue and the delegation are written after the registration). */
function writesGlue(input: CreateInput): boolean {
  if (input.delegation.kind !== 'dns') return false;
  // An IDN name is compared in its ASCII form by the command: not decided here.
  if (!/^[\x20-\x7e]*$/.test(input.name)) return true;
  const bare = (n: string) => n.trim().toLowerCase().replace(/\.+$/, '');
  const suffix = `.${bare(input.name)}`;
  return input.delegation.servers.some((s) => s.addresses.length > 0 || bare(s.name).endsWith(suffix));
}
