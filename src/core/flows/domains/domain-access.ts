/**
 * Loading domains. The live row of a name (released_at is null) is the only
 * one a flow acts on; another account's domain is reported as not found.
 */
import type { FlowContext } from '../../context.ts';
import { DomainNotFound } from '../../errors/index.ts';
import { parseDomainName, type DomainName } from '../../names.ts';
import { projectDomainAt, type Projection } from '../../lifecycle/project-domain.ts';
import type { DomainRow } from '../../../store/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';

export interface OwnedDomain {
  readonly row: DomainRow;
  readonly name: DomainName;
  readonly policy: TldPolicy;
  readonly projection: Projection;
}

/**
 * The live row for a name, regardless of owner. Locked for update unless
 * `lock` is false (plain reads must not serialise behind writers).
 */
export async function loadLiveRow(ctx: FlowContext, asciiName: string, lock = true): Promise<DomainRow | undefined> {
  const q = ctx.db.selectFrom('domains').selectAll().where('name', '=', asciiName).where('released_at', 'is', null);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * The acting account's domain by name, with its projection; a domain that is
 * missing, another account's, or already released is DomainNotFound.
 */
export async function loadOwnedDomain(
  ctx: FlowContext,
  accountId: number,
  input: string,
  param = 'domain',
  options: { readonly lock?: boolean } = {},
): Promise<OwnedDomain> {
  const name = parseDomainName(input, ctx.policy, param);
  const row = await loadLiveRow(ctx, name.ascii, options.lock ?? true);
  if (!row || row.account_id !== accountId) throw new DomainNotFound(name.ascii);
  const policy = ctx.policy.get(row.tld);
  const projection = projectDomainAt(row, policy, ctx.now);
  if (projection.state === 'released') throw new DomainNotFound(name.ascii);
  return { row, name, policy, projection };
}

/**
 * Marks a live row whose projection says "released" as released (the
 * sweeper may not have run yet), so the name can be registered again.
 * Returns true when the name is now free of live rows.
 */
export async function settleReleased(ctx: FlowContext, row: DomainRow, policy: TldPolicy): Promise<boolean> {
  const p = projectDomainAt(row, policy, ctx.now);
  if (p.state !== 'released') return false;
  await ctx.db.updateTable('domains').set({ released_at: ctx.now, updated_at: ctx.now }).where('id', '=', row.id).execute();
  return true;
}
