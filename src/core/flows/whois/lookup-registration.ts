/**
 * The published registration data of one name (WHOIS, RDAP domain
 * lookups), read afresh on each call so a change made through any dialect
 * is visible on the next query. Any caller may read it (the data is
 * public, redacted by the domain's privacy); a name with no live
 * registration, or a released one, reads undefined. Lookups are counted
 * apart, by the services, with recordWhoisLookup.
 */
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { parseDomainName, toUnicode } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import type { DomainRow } from '../../../store/index.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { loadDnssecKeys } from '../domains/dnssec.ts';
import { toContactView, CONTACT_ROLES } from '../contacts/contact-view.ts';
import { ROLE_COLUMNS } from '../contacts/contact-usage.ts';
import { domainRoid, eppStatusesOf, publishContact, type PublishedContact, type PublishedNameServer, type RegistrationRecord } from './registration-view.ts';

export const throws = ['INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD'] as const satisfies readonly ErrorCode[];

export interface OwnNameServer {
  readonly name: string;
  readonly addresses: readonly string[];
}

export interface LookupRegistrationInput {
  /** Any spelling: A-label or U-label, any case, trailing dot. */
  readonly name: string;
  /** regd's own name servers (with their addresses): the delegation of domains served by regd's DNS. */
  readonly ownNameServers: readonly OwnNameServer[];
}

export const lookupRegistration = markReadOnly(async function lookupRegistration(
  ctx: FlowContext,
  input: LookupRegistrationInput,
): Promise<RegistrationRecord | undefined> {
  const name = parseDomainName(input.name, ctx.policy, 'name');
  const row = await loadLiveRow(ctx, name.ascii, false);
  if (!row) return undefined;
  const projection = projectDomainAt(row, ctx.policy.get(row.tld), ctx.now);
  if (projection.state === 'released') return undefined;
  const [contacts, nameServers, dnssec, pendingTransfer] = await Promise.all([
    contactsOf(ctx, row),
    nameServersOf(ctx, row, input.ownNameServers),
    loadDnssecKeys(ctx, row.id),
    ctx.db.selectFrom('transfers').select('id').where('domain_id', '=', row.id).where('status', '=', 'pending').executeTakeFirst(),
  ]);
  return {
    roid: domainRoid(row.id, row.tld),
    name: row.name,
    unicodeName: row.unicode_name,
    tld: row.tld,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    transferredAt: row.transferred_at,
    state: projection.state,
    statuses: eppStatusesOf({ state: projection.state, inAddGrace: projection.inAddGrace, locked: row.locked, pendingTransfer: pendingTransfer !== undefined }),
    privacy: row.privacy,
    contacts,
    nameServers,
    dnssec,
  };
});

async function contactsOf(ctx: FlowContext, row: DomainRow): Promise<PublishedContact[]> {
  const ids = CONTACT_ROLES.map((role) => row[ROLE_COLUMNS[role]]).filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const rows = await ctx.db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return CONTACT_ROLES.flatMap((role) => {
    const id = row[ROLE_COLUMNS[role]];
    const contact = id === null ? undefined : byId.get(id);
    return contact ? [publishContact(role, toContactView(contact), row.privacy)] : [];
  });
}

/** The delegation: the domain's own name servers (with glue from host objects), or regd's for every other service mode. */
async function nameServersOf(ctx: FlowContext, row: DomainRow, own: readonly OwnNameServer[]): Promise<PublishedNameServer[]> {
  if (row.service_mode !== 'custom_ns') return own.map((ns) => ({ name: ns.name, unicodeName: toUnicode(ns.name), addresses: ns.addresses }));
  const names = row.name_servers;
  if (names.length === 0) return [];
  const hosts = await ctx.db.selectFrom('hosts').select(['name', 'addresses']).where('name', 'in', [...names]).execute();
  const glue = new Map<string, readonly string[]>(hosts.map((h) => [h.name, h.addresses]));
  if (row.nsset_id !== null) {
    // A .cz-style NSSET carries its own addresses.
    const nsset = await ctx.db.selectFrom('nssets').select('hosts').where('id', '=', row.nsset_id).executeTakeFirst();
    for (const h of nsset?.hosts ?? []) if (h.addresses.length > 0) glue.set(h.name, h.addresses);
  }
  return names.map((n) => ({ name: n, unicodeName: toUnicode(n), addresses: glue.get(n) ?? [] }));
}
