/**
 * Hosts subordinate to a domain: name servers named under it
 * ("ns1.example.com" under "example.com"), whose glue the registry
 * publishes. As in EPP (RFC 5732 §1.1, and what Verisign and Nomulus do),
 * they belong to whoever holds the domain: when the domain changes accounts
 * (a completed transfer, an accepted push) they move with it, addresses and
 * public numbers unchanged, so the domain's own delegation keeps its glue
 * and the new holder can change or delete them. Domains of other accounts
 * that delegate to them keep doing so.
 */
import type { FlowContext } from '../../context.ts';
import { registryDomainOf } from './bailiwick.ts';

/** Moves every host under `domain` (A-label) to `toAccountId`; returns the moved host names, sorted. */
export async function moveSubordinateHosts(ctx: FlowContext, domain: string, toAccountId: number): Promise<readonly string[]> {
  // Host names are LDH A-labels, so the domain needs no LIKE escaping.
  const candidates = await ctx.db
    .selectFrom('hosts')
    .select(['id', 'name', 'account_id'])
    .where((eb) => eb.or([eb('name', '=', domain), eb('name', 'like', `%.${domain}`)]))
    .orderBy('id')
    .forUpdate()
    .execute();
  // The registry domain of a host decides (with multi-label TLDs a LIKE match can name a deeper domain).
  const moving = candidates.filter((h) => h.account_id !== toAccountId && registryDomainOf(ctx.policy, h.name) === domain);
  if (moving.length === 0) return [];
  await ctx.db
    .updateTable('hosts')
    .set({ account_id: toAccountId })
    .where('id', 'in', moving.map((h) => h.id))
    .execute();
  return moving.map((h) => h.name).sort();
}
