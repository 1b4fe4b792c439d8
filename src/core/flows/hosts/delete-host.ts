/**
 * Delete name server hosts, all or nothing (Dynadot delete_ns by ServerId
 * list, delete_ns_by_domain by host name; Freenom nameserver/delete).
 * Load (own hosts, locked) → verify none is in use → delete → views.
 *
 * A host is in use while a live domain of any account delegates to it, an
 * NSSET of any account lists it, or a pending transfer will delegate to it
 * when it completes (transfers/transfer-name-servers.ts). The hosts are locked before the usage check,
 * and delegating flows lock them for share, so a delegation cannot slip in
 * between the check and the delete.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { HostInUse, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import type { HostRow } from '../../../store/index.ts';
import { hostNameOf, loadOwnedHost } from './host-access.ts';
import { verifyUnderDomain } from './upsert-host.ts';
import { toHostView, type HostView } from './host-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD',
  'HOST_NOT_FOUND', 'HOST_IN_USE',
] as const satisfies readonly ErrorCode[];

export interface DeleteHostsInput {
  readonly accountId?: number;
  /** Public numbers (ServerId). */
  readonly hostIds?: readonly number[];
  readonly names?: readonly string[];
  /** When given, every named host must lie under this domain (Freenom's domainname). */
  readonly domain?: string;
}

export async function deleteHosts(ctx: FlowContext, input: DeleteHostsInput): Promise<readonly HostView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const hostIds = listOf(input.hostIds, 'host_id');
  const names = listOf(input.names, 'host').map((n) => hostNameOf(n));
  if (hostIds.length + names.length === 0) throw new MissingParameter('host');
  if (input.domain !== undefined) for (const name of names) verifyUnderDomain(ctx, name, input.domain);

  const rows = new Map<number, HostRow>();
  for (const hostId of hostIds) addOnce(rows, await loadOwnedHost(ctx, accountId, { hostId }));
  for (const name of names) addOnce(rows, await loadOwnedHost(ctx, accountId, { name }));
  for (const row of rows.values()) await verifyNotInUse(ctx, row.name);

  await ctx.db.deleteFrom('hosts').where('id', 'in', [...rows.keys()]).execute();
  return [...rows.values()].map((row) => toHostView(row, ctx.policy));
}

async function verifyNotInUse(ctx: FlowContext, name: string): Promise<void> {
  const domain = await ctx.db
    .selectFrom('domains')
    .select('id')
    .where('released_at', 'is', null)
    .where(sql<boolean>`name_servers @> ${JSON.stringify([name])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  const nsset = await ctx.db
    .selectFrom('nssets')
    .select('id')
    .where(sql<boolean>`hosts @> ${JSON.stringify([{ name }])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  const transfer = await ctx.db
    .selectFrom('transfers')
    .select('id')
    .where('status', '=', 'pending')
    .where(sql<boolean>`name_servers @> ${JSON.stringify([name])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  if (domain || nsset || transfer) throw new HostInUse(name);
}

function listOf<T>(input: readonly T[] | undefined, param: string): readonly T[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new InvalidValue(param, 'a list is required', input);
  return input;
}

function addOnce(rows: Map<number, HostRow>, row: HostRow): void {
  if (!rows.has(row.id)) rows.set(row.id, row);
}
