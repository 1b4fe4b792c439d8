/**
 * Where a name server lies. A host under a TLD that regd offers lies under
 * one registry domain (its "parent"): the registry publishes its addresses
 * as glue, so it needs at least one, and only the holder of the parent
 * domain may create it. Any other host resolves on its own and takes no
 * addresses.
 */
import type { FlowContext } from '../../context.ts';
import { GlueNotAllowed, GlueRequired, HostParentNotOwned } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import type { PolicyBook } from '../../policy/policy-book.ts';
import { loadLiveRow } from '../domains/domain-access.ts';

/** The registry domain a host lies under ("ns1.a.example.com" → "example.com"), or null when its TLD is not offered. */
export function registryDomainOf(policy: PolicyBook, host: string): string | null {
  const tld = policy.findTldOf(host);
  if (tld === undefined) return null;
  const label = host.slice(0, -(tld.length + 1)).split('.').at(-1)!;
  return `${label}.${tld}`;
}

/** In-bailiwick hosts need glue; the others must not carry any. */
export function verifyGlue(host: string, parent: string | null, addresses: readonly string[]): void {
  if (parent !== null && addresses.length === 0) throw new GlueRequired(host);
  if (parent === null && addresses.length > 0) throw new GlueNotAllowed(host);
}

/** The parent domain must be a live registration of this account; locks its row. */
export async function verifyParentOwned(ctx: FlowContext, accountId: number, host: string, parent: string): Promise<void> {
  const row = await loadLiveRow(ctx, parent);
  const live = row !== undefined && projectDomainAt(row, ctx.policy.get(row.tld), ctx.now).state !== 'released';
  if (!live || row.account_id !== accountId) throw new HostParentNotOwned(host, parent);
}

/**
 * Every rule on a host's name and addresses: an in-bailiwick host lies under
 * a live domain of this account and has glue; any other host has none.
 */
export async function verifyHostPlacement(ctx: FlowContext, accountId: number, host: string, addresses: readonly string[]): Promise<void> {
  const parent = registryDomainOf(ctx.policy, host);
  if (parent !== null) await verifyParentOwned(ctx, accountId, host, parent);
  verifyGlue(host, parent, addresses);
}
