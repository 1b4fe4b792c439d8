/**
 * Create a name server host object (Dynadot add_ns without addresses,
 * register_ns with one; Freenom nameserver/register goes through upsertHost).
 * Load → verify (account, name, addresses, parent domain, glue, free name)
 * → insert → view. A concurrent creation of the same name loses on the
 * hosts_name_key index and surfaces as HostAlreadyExists.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { canonicalAddresses } from './host-addresses.ts';
import { hostNameOf, insertHost } from './host-access.ts';
import { verifyHostPlacement } from './bailiwick.ts';
import { toHostView, type HostView } from './host-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME',
  'HOST_PARENT_NOT_OWNED', 'GLUE_REQUIRED', 'GLUE_NOT_ALLOWED', 'HOST_ALREADY_EXISTS',
] as const satisfies readonly ErrorCode[];

export interface CreateHostInput {
  readonly accountId?: number;
  readonly name: string;
  /** IPv4/IPv6 glue addresses; required under this registry's domains, refused elsewhere. */
  readonly addresses?: readonly string[];
}

export async function createHost(ctx: FlowContext, input: CreateHostInput): Promise<HostView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const name = hostNameOf(input.name);
  const addresses = canonicalAddresses(input.addresses);
  await verifyHostPlacement(ctx, accountId, name, addresses);
  const row = await insertHost(ctx, accountId, name, addresses);
  return toHostView(row, ctx.policy);
}
