/** Loading NSSETs and their read model. Another account's NSSET is NssetNotFound, never visible. */
import type { FlowContext } from '../../context.ts';
import { NssetNotFound } from '../../errors/index.ts';
import type { NssetHost, NssetRow } from '../../../store/index.ts';
import { nssetHandleOf } from './nsset-input.ts';

export interface NssetView {
  readonly handle: string;
  readonly hosts: readonly NssetHost[];
  /** Public number of the technical contact, or null. */
  readonly techContactId: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** A domain not yet released is delegated through it. */
  readonly linked: boolean;
}

/** This account's NSSET by handle (any case), locked for share: a domain may be about to use it. */
export async function loadOwnedNsset(ctx: FlowContext, accountId: number, handle: unknown, param = 'nsset'): Promise<NssetRow> {
  const wanted = nssetHandleOf(handle, { param, generated: true });
  const row = await ctx.db.selectFrom('nssets').selectAll().where('handle', '=', wanted).where('account_id', '=', accountId).forShare().executeTakeFirst();
  if (!row) throw new NssetNotFound(wanted, param);
  return row;
}

export async function toNssetView(ctx: FlowContext, row: NssetRow): Promise<NssetView> {
  const contact = row.tech_contact_id === null
    ? undefined
    : await ctx.db.selectFrom('contacts').select('number').where('id', '=', row.tech_contact_id).executeTakeFirst();
  const user = await ctx.db.selectFrom('domains').select('id').where('nsset_id', '=', row.id).where('released_at', 'is', null).limit(1).executeTakeFirst();
  return {
    handle: row.handle,
    hosts: row.hosts.map((h) => ({ name: h.name, addresses: [...h.addresses] })),
    techContactId: contact?.number ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    linked: user !== undefined,
  };
}
