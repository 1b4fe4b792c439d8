/**
 * One domain of the acting account with what a domain's info page shows
 * beside the domain view (Freenom domain/getinfo): its delegation with the
 * glue of each name server, its auth code (null while the registrant may
 * not read it: a cancelled domain in redemption or pending delete), and the
 * account's contacts in its four roles. One statement (the domain row with
 * subqueries), run without a transaction: read-only. The same answers as
 * getDomain, listDomainHosts (nameServers), getAuthCode (without
 * regenerating) and the domain's uses in listContacts, read at one instant.
 */
import { sql, type Kysely } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { AccountNotFound, AccountSuspended, DomainNotFound, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { markReadOnly } from '../../run-flow.ts';
import type { ContactRow, Database, DomainRow } from '../../../store/index.ts';
import { QueryTemplate } from '../../query-template.ts';
import { ROLE_COLUMNS } from '../contacts/contact-usage.ts';
import { CONTACT_ROLES, toContactView, type ContactRole, type ContactView } from '../contacts/contact-view.ts';
import type { DelegatedNameServer } from '../hosts/list-hosts.ts';
import { CHANGEABLE_STATES } from './domain-statuses.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface GetDomainOverviewInput {
  readonly accountId?: number;
  readonly name: string;
}

export interface DomainOverview {
  readonly domain: DomainView;
  /** The delegation in stored order, each with the glue of its host object (no addresses without one). */
  readonly nameServers: readonly DelegatedNameServer[];
  /** The auth code; null while the domain's state does not let the registrant read it (getAuthCode refuses). */
  readonly authCode: string | null;
  /** The account's contact in each role; null: none. */
  readonly contacts: Readonly<Record<ContactRole, ContactView | null>>;
}

/** A contacts row as json_agg writes it: timestamps as ISO 8601 text. */
type ContactJson = Omit<ContactRow, 'created_at' | 'updated_at'> & { readonly created_at: string; readonly updated_at: string };

interface OverviewColumns {
  readonly x_account_status: string | null;
  readonly x_glue: Record<string, string[]> | null;
  /** The account's contacts the domain names, in any order. */
  readonly x_contacts: ContactJson[] | null;
}

/** The domain row with the account's status, the glue and the role contacts beside it (built and compiled once). */
const OVERVIEW = new QueryTemplate((db: Kysely<Database>, v: { readonly accountId: number; readonly name: string }) =>
  db
    .selectFrom('domains as d')
    .selectAll('d')
    .select([
      sql<string | null>`(select a.status from accounts a where a.id = ${v.accountId})`.as('x_account_status'),
      sql<Record<string, string[]> | null>`(select jsonb_object_agg(h.name, h.addresses) from hosts h where h.name in (select jsonb_array_elements_text(d.name_servers)))`.as('x_glue'),
      sql<ContactJson[] | null>`(select json_agg(c) from contacts c where c.account_id = d.account_id
        and c.id in (d.registrant_contact_id, d.admin_contact_id, d.tech_contact_id, d.billing_contact_id))`.as('x_contacts'),
    ])
    .where('d.name', '=', v.name)
    .where('d.released_at', 'is', null)
);

/**
 * Missing, another account's and released domains are DomainNotFound. The
 * account counts as getAuthCode counts it (the overview carries the code):
 * a suspended account calling for itself is refused (ACCOUNT_SUSPENDED).
 */
export const getDomainOverview = markReadOnly(async function getDomainOverview(ctx: FlowContext, input: GetDomainOverviewInput): Promise<DomainOverview> {
  const accountId = actingAccountId(ctx, input.accountId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const [found] = await OVERVIEW.execute(ctx.db, { accountId, name: name.ascii }, undefined);
  if (!found || found.account_id !== accountId) throw new DomainNotFound(name.ascii);
  const { x_account_status: status, x_glue: glue, x_contacts, ...row } = found as DomainRow & OverviewColumns;
  const domain = toDomainView(row, ctx.policy, ctx.now);
  if (domain.state === 'released') throw new DomainNotFound(name.ascii);

  // getAuthCode's account check (the overview carries the code), before the state decides whether the code shows.
  if (status === null) throw new AccountNotFound(accountId);
  if (status !== 'active' && ctx.actor.kind === 'account') throw new AccountSuspended();
  const byId = new Map((x_contacts ?? []).map((c) => [Number(c.id), c]));
  const contactIn = (role: ContactRole) => {
    const id = row[ROLE_COLUMNS[role]];
    return id === null ? null : contactOf(byId.get(Number(id)) ?? null);
  };
  return {
    domain,
    nameServers: row.name_servers.map((ns) => ({ name: ns, addresses: [...(glue?.[ns] ?? [])] })),
    authCode: CHANGEABLE_STATES.has(domain.state) ? row.auth_code : null,
    contacts: Object.fromEntries(CONTACT_ROLES.map((role) => [role, contactIn(role)])) as Record<ContactRole, ContactView | null>,
  };
});

function contactOf(json: ContactJson | null): ContactView | null {
  if (json === null) return null;
  return toContactView({ ...json, created_at: new Date(json.created_at), updated_at: new Date(json.updated_at) });
}
