/**
 * The published registration data of one name (WHOIS, RDAP domain
 * lookups), read afresh on each call so a change made through any dialect
 * is visible on the next query. Any caller may read it (the data is
 * public, redacted by the domain's privacy); a name with no live
 * registration, or a released one, reads undefined. One statement, run
 * without a transaction. A transfer shows as pending as transfer lists show
 * it (an overdue one has completed). Lookups are counted apart, by the
 * services, with recordWhoisLookup.
 */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { parseDomainName, toUnicode } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { QueryTemplate } from '../../query-template.ts';
import type { ContactRow, Database, DomainRow, NssetHost } from '../../../store/index.ts';
import { toContactView, CONTACT_ROLES, type ContactRole } from '../contacts/contact-view.ts';
import type { DnssecKey } from '../domains/dnssec.ts';
import { showsPendingAt } from '../transfers/transfer-view.ts';
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

type JsonContact = Omit<ContactRow, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };
type JsonKey = { kind: 'ds' | 'dnskey'; algorithm: number; key_tag: number | null; digest_type: number | null; digest: string | null; flags: number | null; protocol: number | null; public_key: string | null };

/** The live domain row with everything published beside it, in ONE statement: contacts by role, DNSSEC data, transfers that may be pending, glue of host objects, the NSSET's hosts. */
const REGISTRATION = new QueryTemplate((db: Kysely<Database>, v: { readonly name: string }) =>
  db
    .selectFrom('domains as d')
    .selectAll('d')
    .select((eb) => [
      ...CONTACT_ROLES.map((role) => jsonObjectFrom(eb.selectFrom('contacts as c').selectAll('c').whereRef('c.id', '=', `d.${role}_contact_id`)).as(`x_${role}`)),
      jsonArrayFrom(eb.selectFrom('dnssec_keys as k')
        .select(['k.kind', 'k.algorithm', 'k.key_tag', 'k.digest_type', 'k.digest', 'k.flags', 'k.protocol', 'k.public_key'])
        .whereRef('k.domain_id', '=', 'd.id')
        .orderBy('k.id')).as('x_keys'),
      jsonArrayFrom(eb.selectFrom('transfers as t')
        .select(['t.status', 't.reason', 't.decided_at', 't.auto_approve_at'])
        .whereRef('t.domain_id', '=', 'd.id')
        .where('t.status', 'in', ['pending', 'failed'])).as('x_transfers'),
      jsonArrayFrom(eb.selectFrom('hosts as h')
        .select(['h.name', 'h.addresses'])
        .where('h.name', 'in', sql<string>`(select jsonb_array_elements_text(d.name_servers))`)).as('x_glue'),
      eb.selectFrom('nssets as s').select('s.hosts').whereRef('s.id', '=', 'd.nsset_id').as('x_nsset'),
    ])
    .where('d.name', '=', v.name)
    .where('d.released_at', 'is', null),
);

export const lookupRegistration = markReadOnly(async function lookupRegistration(
  ctx: FlowContext,
  input: LookupRegistrationInput,
): Promise<RegistrationRecord | undefined> {
  const name = parseDomainName(input.name, ctx.policy, 'name');
  const [found] = await REGISTRATION.execute(ctx.db, { name: name.ascii }, undefined);
  if (!found) return undefined;
  const { x_registrant, x_admin, x_tech, x_billing, x_keys, x_transfers, x_glue, x_nsset, ...domainRow } = found as typeof found
    & Record<`x_${ContactRole}`, JsonContact | null>;
  const row = domainRow as DomainRow;
  const projection = projectDomainAt(row, ctx.policy.get(row.tld), ctx.now);
  if (projection.state === 'released') return undefined;
  const byRole: Record<ContactRole, JsonContact | null> = { registrant: x_registrant, admin: x_admin, tech: x_tech, billing: x_billing };
  const contacts: PublishedContact[] = CONTACT_ROLES.flatMap((role) => {
    const c = byRole[role];
    return c ? [publishContact(role, toContactView({ ...c, created_at: new Date(c.created_at), updated_at: new Date(c.updated_at) }), row.privacy)] : [];
  });
  const pendingTransfer = (x_transfers ?? []).some((t) => showsPendingAt({
    status: t.status, reason: t.reason, decided_at: t.decided_at === null ? null : new Date(t.decided_at), auto_approve_at: new Date(t.auto_approve_at),
  }, ctx.now));
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
    statuses: eppStatusesOf({ state: projection.state, inAddGrace: projection.inAddGrace, locked: row.locked, pendingTransfer }),
    privacy: row.privacy,
    contacts,
    nameServers: nameServersOf(row, input.ownNameServers, x_glue ?? [], (x_nsset as NssetHost[] | null) ?? []),
    dnssec: ((x_keys ?? []) as JsonKey[]).map(keyOf),
  };
});

function keyOf(k: JsonKey): DnssecKey {
  return k.kind === 'ds'
    ? { kind: 'ds', keyTag: k.key_tag!, algorithm: k.algorithm, digestType: k.digest_type!, digest: k.digest! }
    : { kind: 'dnskey', flags: k.flags!, protocol: k.protocol!, algorithm: k.algorithm, publicKey: k.public_key! };
}

/** The delegation: the domain's own name servers (with glue from host objects, or a .cz-style NSSET's addresses), or regd's for every other service mode. */
function nameServersOf(
  row: DomainRow,
  own: readonly OwnNameServer[],
  hosts: readonly { readonly name: string; readonly addresses: readonly string[] }[],
  nssetHosts: readonly NssetHost[],
): PublishedNameServer[] {
  if (row.service_mode !== 'custom_ns') return own.map((ns) => ({ name: ns.name, unicodeName: toUnicode(ns.name), addresses: ns.addresses }));
  const glue = new Map<string, readonly string[]>(hosts.map((h) => [h.name, h.addresses]));
  for (const h of nssetHosts) if (h.addresses.length > 0) glue.set(h.name, h.addresses);
  return row.name_servers.map((n) => ({ name: n, unicodeName: toUnicode(n), addresses: glue.get(n) ?? [] }));
}
