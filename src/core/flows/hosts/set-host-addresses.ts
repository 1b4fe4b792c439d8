/**
 * Replace a host's glue addresses (Dynadot set_ns_ip). Load → verify
 * (account, ownership, addresses, parent domain still held, glue) →
 * persist → view. An unchanged address list writes nothing.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import type { HostRow } from '../../../store/index.ts';
import { canonicalAddresses, sameAddresses } from './host-addresses.ts';
import { loadOwnedHost, updateHostAddresses } from './host-access.ts';
import { verifyHostPlacement } from './bailiwick.ts';
import { toHostView, type HostView } from './host-view.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME', 'CONFLICTING_PARAMETERS',
  'HOST_NOT_FOUND', 'HOST_PARENT_NOT_OWNED', 'GLUE_REQUIRED', 'GLUE_NOT_ALLOWED',
] as const satisfies readonly ErrorCode[];

export interface SetHostAddressesInput {
  readonly accountId?: number;
  /** The public number (ServerId); give this or `name`. */
  readonly hostId?: number;
  readonly name?: string;
  readonly addresses: readonly string[];
}

export async function setHostAddresses(ctx: FlowContext, input: SetHostAddressesInput): Promise<HostView> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const row = await loadOwnedHost(ctx, accountId, { hostId: input.hostId, name: input.name });
  const addresses = canonicalAddresses(input.addresses);
  return toHostView(await replaceHostAddresses(ctx, accountId, row, addresses), ctx.policy);
}

/** The placement rules hold again for the new list (the parent domain may have left the account since). */
export async function replaceHostAddresses(ctx: FlowContext, accountId: number, row: HostRow, addresses: readonly string[]): Promise<HostRow> {
  await verifyHostPlacement(ctx, accountId, row.name, addresses);
  if (sameAddresses(row.addresses, addresses)) return row;
  return updateHostAddresses(ctx, row, addresses);
}
