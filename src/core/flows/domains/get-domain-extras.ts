/**
 * One domain of the acting account with, on request, what an API shows
 * beside it, read in ONE statement (subqueries beside the domain row):
 *
 * - transferringOut: a transfer out of the account is pending at `now`
 *   (listTransfers' projection: an overdue one has completed, one waiting
 *   for the registry's answer on its auth code is still pending);
 * - records: the published records of a zone on regd's own name servers
 *   (listRecords), null for a domain served elsewhere;
 * - account: the account's balances and live domain count (getAccount;
 *   the count is stored, migration 0026);
 * - contacts: the account's contacts in each role of the domain (or in the
 *   roles listed: each role is a subquery building the whole contact);
 * - contactHandles: only the handle of the contact in each role listed
 *   (for a role whose contact is shown by handle alone);
 * - nssetHandle: the handle of the NSSET the domain is delegated through;
 * - nameServers: the delegation with each host object's glue
 *   (listDomainHosts).
 *
 * The one statement runs without a transaction and announces no commit (it
 * writes nothing). A zone whose auto-commit
 * deadline has passed is committed by listRecords before it is read; when
 * records are asked for such a zone, the flow runs again in a transaction
 * and commits it the same way. Missing, another account's and released
 * domains are DomainNotFound.
 */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { DomainNotFound, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { withOneStatementPath } from '../../run-flow.ts';
import type { BalanceView } from '../../money/ledger.ts';
import type { ContactRow, Database, DomainRow } from '../../../store/index.ts';
import { QueryTemplate } from '../../query-template.ts';
import { toContactView, type ContactView } from '../contacts/contact-view.ts';
import { isCommitDue } from '../dns/zone-publish.ts';
import { modelOf, zoneView, type DnsRecordView } from '../dns/record-rows.ts';
import { listRecords } from '../dns/list-records.ts';
import type { DelegatedNameServer } from '../hosts/list-hosts.ts';
import { showsPendingAt } from '../transfers/transfer-view.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export type ContactRole = 'registrant' | 'admin' | 'tech' | 'billing';
const CONTACT_ROLES = ['registrant', 'admin', 'tech', 'billing'] as const satisfies readonly ContactRole[];

export interface DomainExtrasInclude {
  readonly transferringOut?: boolean;
  readonly records?: boolean;
  readonly account?: boolean;
  /** true: every role; a list: those roles only. */
  readonly contacts?: boolean | readonly ContactRole[];
  /** The handle alone of the contact in these roles. */
  readonly contactHandles?: readonly ContactRole[];
  readonly nsset?: boolean;
  readonly nameServers?: boolean;
}

export interface GetDomainExtrasInput {
  readonly accountId?: number;
  readonly name: string;
  /** What to read beside the domain; what is not asked is undefined in the result. */
  readonly include?: DomainExtrasInclude;
}

export interface AccountTotals {
  /** By currency (listBalances). */
  readonly balances: readonly BalanceView[];
  /** Live, not deleted domains (getAccount's domainCount). */
  readonly domainCount: number;
}

export interface DomainExtras {
  readonly domain: DomainView;
  readonly transferringOut?: boolean;
  /** Published records, in id order; null: the domain is not on regd's own name servers. */
  readonly records?: readonly DnsRecordView[] | null;
  readonly account?: AccountTotals;
  /** The account's contact in each role asked, null where the role is empty (a role not asked is absent). */
  readonly contacts?: { readonly [R in ContactRole]?: ContactView | null };
  /** The handle of the account's contact in each role asked by `contactHandles`, null where the role is empty. */
  readonly contactHandles?: { readonly [R in ContactRole]?: string | null };
  /** null: delegated through no NSSET. */
  readonly nssetHandle?: string | null;
  /** The domain's name servers, each with the glue of a host object of that name (else no addresses). */
  readonly nameServers?: readonly DelegatedNameServer[];
}

type JsonContact = Omit<ContactRow, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };

interface Read {
  readonly overview: DomainExtras;
  /** The zone's auto-commit deadline has passed (records were asked). */
  readonly commitDue: boolean;
}

/** The domain row with what `inc` asks beside it, one statement (built and compiled once per `inc`). */
const EXTRAS = new QueryTemplate((db: Kysely<Database>, v: { readonly accountId: number; readonly name: string }, inc: DomainExtrasInclude) =>
  db
    .selectFrom('domains as d')
    .selectAll('d')
    .select((eb) => [
      inc.transferringOut
        ? jsonArrayFrom(
          eb.selectFrom('transfers as t')
            .select(['t.status', 't.reason', 't.decided_at', 't.auto_approve_at'])
            .whereRef('t.domain_name', '=', 'd.name')
            .where('t.losing_account_id', '=', v.accountId)
            .where('t.status', 'in', ['pending', 'failed']),
        ).as('x_transfers')
        : sql<null>`null`.as('x_transfers'),
      inc.records
        ? jsonArrayFrom(
          eb.selectFrom('dns_records as r')
            .select(['r.id', 'r.name', 'r.type', 'r.ttl', 'r.data', 'r.priority', 'r.weight', 'r.port', 'r.flags', 'r.tag', 'r.state', 'r.staged'])
            .whereRef('r.domain_id', '=', 'd.id')
            .orderBy('r.id'),
        ).as('x_records')
        : sql<null>`null`.as('x_records'),
      inc.records
        ? eb.selectFrom('dns_zones as z').select('z.auto_commit_at').whereRef('z.domain_id', '=', 'd.id').as('x_auto_commit_at')
        : sql<null>`null`.as('x_auto_commit_at'),
      inc.account
        ? jsonArrayFrom(
          eb.selectFrom('balances as b')
            .select(['b.currency', 'b.balance_minor', 'b.on_hold_minor'])
            .where('b.account_id', '=', v.accountId)
            .orderBy('b.currency'),
        ).as('x_balances')
        : sql<null>`null`.as('x_balances'),
      inc.account
        // Stored, not counted (migration 0026): the sum of at most 16 rows, however many domains the account has.
        ? eb.selectFrom('account_domain_counts as n').select((c) => c.fn.sum<string | null>('n.live').as('live')).where('n.account_id', '=', v.accountId).as('x_domain_count')
        : sql<null>`null`.as('x_domain_count'),
      ...CONTACT_ROLES.map((role) => (asksRole(inc, role)
        ? jsonObjectFrom(
          eb.selectFrom('contacts as c').selectAll('c').whereRef('c.id', '=', `d.${role}_contact_id`).where('c.account_id', '=', v.accountId),
        ).as(`x_${role}`)
        : sql<null>`null`.as(`x_${role}`))),
      ...CONTACT_ROLES.map((role) => (inc.contactHandles?.includes(role)
        ? eb.selectFrom('contacts as c').select('c.handle').whereRef('c.id', '=', `d.${role}_contact_id`).where('c.account_id', '=', v.accountId).as(`x_${role}_handle`)
        : sql<null>`null`.as(`x_${role}_handle`))),
      inc.nsset
        ? eb.selectFrom('nssets as s').select('s.handle').whereRef('s.id', '=', 'd.nsset_id').as('x_nsset')
        : sql<null>`null`.as('x_nsset'),
      inc.nameServers
        // No name servers (a domain on regd's own, a fresh registration): no hosts to look at (CASE runs its subquery only when chosen).
        ? sql<{ name: string; addresses: string[] }[]>`case when jsonb_array_length(d.name_servers) = 0 then '[]'::json else ${jsonArrayFrom(
          eb.selectFrom('hosts as h')
            .select(['h.name', 'h.addresses'])
            .where('h.name', 'in', sql<string>`(select jsonb_array_elements_text(d.name_servers))`),
        )} end`.as('x_glue')
        : sql<null>`null`.as('x_glue'),
    ])
    .where('d.name', '=', v.name)
    .where('d.released_at', 'is', null)
);

async function read(ctx: FlowContext, input: GetDomainExtrasInput): Promise<Read> {
  const accountId = actingAccountId(ctx, input.accountId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const inc: DomainExtrasInclude = { ...input.include };
  const [row] = await EXTRAS.execute(ctx.db, { accountId, name: name.ascii }, inc);
  if (!row || row.account_id !== accountId) throw new DomainNotFound(name.ascii);
  const {
    x_transfers, x_records, x_auto_commit_at, x_balances, x_domain_count, x_registrant, x_admin, x_tech, x_billing, x_nsset, x_glue,
    x_registrant_handle, x_admin_handle, x_tech_handle, x_billing_handle,
    ...domainRow
  } = row as typeof row & Record<`x_${ContactRole}`, JsonContact | null> & Record<`x_${ContactRole}_handle`, string | null>;
  const d = domainRow as DomainRow;
  if (projectDomainAt(d, ctx.policy.get(d.tld), ctx.now).state === 'released') throw new DomainNotFound(name.ascii);
  const onRegdDns = d.service_mode === 'regd_dns';
  const commitDue = inc.records === true && onRegdDns && x_auto_commit_at !== null && x_auto_commit_at !== undefined
    && isCommitDue({ auto_commit_at: new Date(x_auto_commit_at) }, ctx.now);
  const contact = (c: JsonContact | null): ContactView | null =>
    c === null ? null : toContactView({ ...c, created_at: new Date(c.created_at), updated_at: new Date(c.updated_at) });
  const byRole: Record<ContactRole, JsonContact | null> = { registrant: x_registrant, admin: x_admin, tech: x_tech, billing: x_billing };
  const overview: DomainExtras = {
    domain: toDomainView(d, ctx.policy, ctx.now),
    ...(inc.transferringOut
      ? {
        transferringOut: (x_transfers ?? []).some((t) => showsPendingAt({
          status: t.status, reason: t.reason, decided_at: dateOrNull(t.decided_at), auto_approve_at: new Date(t.auto_approve_at),
        }, ctx.now)),
      }
      : {}),
    ...(inc.records ? { records: onRegdDns ? zoneView((x_records ?? []).map((r) => modelOf(r)), 'published') : null } : {}),
    ...(inc.account
      ? {
        account: {
          balances: (x_balances ?? []).map((b) => ({
            currency: b.currency,
            balanceMinor: Number(b.balance_minor),
            onHoldMinor: Number(b.on_hold_minor),
            availableMinor: Number(b.balance_minor) - Number(b.on_hold_minor),
          })),
          domainCount: Number(x_domain_count ?? 0),
        },
      }
      : {}),
    ...(inc.contacts
      ? { contacts: Object.fromEntries(CONTACT_ROLES.filter((role) => asksRole(inc, role)).map((role) => [role, contact(byRole[role])])) }
      : {}),
    ...(inc.contactHandles
      ? {
        contactHandles: Object.fromEntries(inc.contactHandles.map((role) => [role, {
          registrant: x_registrant_handle, admin: x_admin_handle, tech: x_tech_handle, billing: x_billing_handle,
        }[role] ?? null])),
      }
      : {}),
    ...(inc.nsset ? { nssetHandle: d.nsset_id === null ? null : (x_nsset ?? null) } : {}),
    ...(inc.nameServers ? { nameServers: delegationOf(d.name_servers, x_glue ?? []) } : {}),
  };
  return { overview, commitDue };
}

function asksRole(inc: DomainExtrasInclude, role: ContactRole): boolean {
  return inc.contacts === true || (Array.isArray(inc.contacts) && inc.contacts.includes(role));
}

/** Timestamps inside json_agg arrive as ISO 8601 text. */
function dateOrNull(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}

function delegationOf(names: readonly string[], glue: readonly { readonly name: string; readonly addresses: readonly string[] }[]): DelegatedNameServer[] {
  const byName = new Map(glue.map((h) => [h.name, h.addresses]));
  return names.map((n) => ({ name: n, addresses: [...(byName.get(n) ?? [])] }));
}

/** In a transaction (a zone with a due commit): listRecords commits it, then reads the records. */
export const getDomainExtras = withOneStatementPath(
  async function getDomainExtras(ctx: FlowContext, input: GetDomainExtrasInput): Promise<DomainExtras> {
    const { overview, commitDue } = await read(ctx, input);
    if (!commitDue) return overview;
    const { records } = await listRecords(ctx, { accountId: actingAccountId(ctx, input.accountId), name: overview.domain.name });
    return { ...overview, records };
  },
  async (ctx, input) => {
    const { overview, commitDue } = await read(ctx, input);
    return commitDue ? undefined : overview;
  },
  { readsOnly: true },
);
