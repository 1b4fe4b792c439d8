/**
 * Domains with what their owner's listings show beside the domain view:
 * the contacts in each role by public number and the folder by public
 * number and name, whether its reseller holds it, and whether its holder
 * lists it for sale (Dynadot domain_info / list_domain `Whois`, `Folder`,
 * `Hold`, `isForSale`).
 * The view's contact and folder ids are internal row ids; these are the
 * numbers every dialect shows. Read-only.
 */
import type { Kysely } from 'kysely';
import type { FlowContext } from '../../context.ts';
import type { Database } from '../../../store/index.ts';
import { QueryTemplate } from '../../query-template.ts';
import { actingAccountId } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { DomainNotFound } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { CONTACT_ROLES } from '../contacts/contact-view.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import { listDomains, throws as listDomainsThrows, type ListDomainsInput } from './list-domains.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  ...listDomainsThrows,
] as const satisfies readonly ErrorCode[];

export interface DomainDetails {
  readonly domain: DomainView;
  /** Public contact numbers per role; null: no contact in that role. */
  readonly contacts: {
    readonly registrant: number | null;
    readonly admin: number | null;
    readonly tech: number | null;
    readonly billing: number | null;
  };
  /** The folder by public number and name; null: in no folder. */
  readonly folder: { readonly id: number; readonly name: string } | null;
  /** The owning reseller holds it (getResellerHold). */
  readonly resellerHold: boolean;
  /** Its holder lists it on the marketplace (flows/marketplace: an active listing of this account). */
  readonly forSale: boolean;
}

export interface GetDomainDetailsInput {
  readonly accountId?: number;
  readonly name: string;
}

export interface ListDomainDetailsResult {
  /** Matches before paging. */
  readonly total: number;
  readonly items: readonly DomainDetails[];
}

/** The domain row with its contact numbers, folder and hold beside it (built and compiled once). */
const DETAILS = new QueryTemplate((db: Kysely<Database>, v: { readonly accountId: number; readonly name: string }) =>
  db
    .selectFrom('domains as d')
    .selectAll('d')
    .select((eb) => [
      ...CONTACT_ROLES.map((role) => eb.selectFrom('contacts as c').select('c.number')
        .whereRef('c.id', '=', `d.${role}_contact_id`).where('c.account_id', '=', v.accountId).as(`x_${role}`)),
      eb.selectFrom('folders as f').select('f.number').whereRef('f.id', '=', 'd.folder_id').where('f.account_id', '=', v.accountId).as('x_folder_number'),
      eb.selectFrom('folders as f').select('f.name').whereRef('f.id', '=', 'd.folder_id').where('f.account_id', '=', v.accountId).as('x_folder_name'),
      eb.exists(eb.selectFrom('reseller_holds as h').select('h.domain_id').whereRef('h.domain_id', '=', 'd.id').where('h.account_id', '=', v.accountId)).as('x_hold'),
      eb.exists(eb.selectFrom('marketplace_listings as l').select('l.id').whereRef('l.domain_id', '=', 'd.id').where('l.account_id', '=', v.accountId).where('l.status', '=', 'active')).as('x_for_sale'),
    ])
    .where('d.name', '=', v.name)
    .where('d.released_at', 'is', null)
);

/**
 * One domain of the acting account with its contact numbers and folder, in
 * one statement (subqueries beside the domain row); missing, another
 * account's or released: DomainNotFound.
 */
export const getDomainDetails = markReadOnly(async function getDomainDetails(ctx: FlowContext, input: GetDomainDetailsInput): Promise<DomainDetails> {
  const accountId = actingAccountId(ctx, input.accountId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const [found] = await DETAILS.execute(ctx.db, { accountId, name: name.ascii }, undefined);
  if (!found || found.account_id !== accountId) throw new DomainNotFound(name.ascii);
  const { x_registrant, x_admin, x_tech, x_billing, x_folder_number, x_folder_name, x_hold, x_for_sale, ...row } = found;
  if (projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state === 'released') throw new DomainNotFound(name.ascii);
  const number = (n: number | string | null | undefined) => (n === null || n === undefined ? null : Number(n));
  return {
    domain: toDomainView(row, ctx.policy, ctx.now),
    contacts: { registrant: number(x_registrant), admin: number(x_admin), tech: number(x_tech), billing: number(x_billing) },
    folder: row.folder_id === null || x_folder_number === null || x_folder_name === null ? null : { id: Number(x_folder_number), name: x_folder_name },
    resellerHold: x_hold === true,
    forSale: x_for_sale === true,
  };
});

/** listDomains (same filters, order and paging), each domain with its contact numbers and folder. */
export const listDomainDetails = markReadOnly(async function listDomainDetails(ctx: FlowContext, input: ListDomainsInput = {}): Promise<ListDomainDetailsResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { total, items } = await listDomains(ctx, { ...input, accountId });
  return { total, items: await detailsOf(ctx, accountId, items) };
});

/** Four reads for any number of domains: the contacts and folders they name, the account's holds on them and its listings of them. */
async function detailsOf(ctx: FlowContext, accountId: number, views: readonly DomainView[]): Promise<DomainDetails[]> {
  const contactIds = new Set<number>();
  const folderIds = new Set<number>();
  for (const v of views) {
    for (const id of Object.values(v.contacts)) if (id !== null) contactIds.add(id);
    if (v.folderId !== null) folderIds.add(v.folderId);
  }
  const contacts = contactIds.size === 0
    ? []
    : await ctx.db.selectFrom('contacts').select(['id', 'number']).where('account_id', '=', accountId).where('id', 'in', [...contactIds]).execute();
  const folders = folderIds.size === 0
    ? []
    : await ctx.db.selectFrom('folders').select(['id', 'number', 'name']).where('account_id', '=', accountId).where('id', 'in', [...folderIds]).execute();
  const held = views.length === 0
    ? []
    : await ctx.db.selectFrom('reseller_holds').select('domain_id').where('account_id', '=', accountId).where('domain_id', 'in', views.map((v) => v.id)).execute();
  const heldIds = new Set(held.map((h) => h.domain_id));
  const listed = views.length === 0
    ? []
    : await ctx.db.selectFrom('marketplace_listings').select('domain_id').where('account_id', '=', accountId).where('status', '=', 'active')
      .where('domain_id', 'in', views.map((v) => v.id)).execute();
  const listedIds = new Set(listed.map((l) => l.domain_id));
  const numberOf = new Map(contacts.map((c) => [c.id, c.number]));
  const folderOf = new Map(folders.map((f) => [f.id, { id: f.number, name: f.name }]));
  const number = (id: number | null) => (id === null ? null : (numberOf.get(id) ?? null));
  return views.map((domain) => ({
    domain,
    contacts: {
      registrant: number(domain.contacts.registrant),
      admin: number(domain.contacts.admin),
      tech: number(domain.contacts.tech),
      billing: number(domain.contacts.billing),
    },
    folder: domain.folderId === null ? null : (folderOf.get(domain.folderId) ?? null),
    resellerHold: heldIds.has(domain.id),
    forSale: listedIds.has(domain.id),
  }));
}
