/**
 * Create a host, or replace its addresses when this account already holds
 * it (Freenom nameserver/register answers REGISTERED or UPDATED). Host
 * objects are registry-wide, as in EPP: a name another account holds cannot
 * be created again (HostAlreadyExists). That is only said to the holder of
 * the domain the host lies under; anyone else gets the refusal a free name
 * would get (HostParentNotOwned), so whether another account's host exists
 * is not revealed.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { HostAlreadyExists, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { isSubdomainOf, parseDomainName } from '../../names.ts';
import { canonicalAddresses } from './host-addresses.ts';
import { hostNameOf, insertHost, loadHostByName } from './host-access.ts';
import { verifyHostPlacement } from './bailiwick.ts';
import { replaceHostAddresses } from './set-host-addresses.ts';
import { toHostView, type HostView } from './host-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'MISSING_PARAMETER', 'INVALID_VALUE', 'INVALID_HOST_NAME', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD',
  'HOST_ALREADY_EXISTS', 'HOST_PARENT_NOT_OWNED', 'GLUE_REQUIRED', 'GLUE_NOT_ALLOWED',
] as const satisfies readonly ErrorCode[];

export interface UpsertHostInput {
  readonly accountId?: number;
  readonly name: string;
  readonly addresses: readonly string[];
  /** When given, the host must lie under this domain (Freenom's domainname). */
  readonly domain?: string;
}

export interface UpsertHostResult {
  readonly host: HostView;
  readonly created: boolean;
}

export async function upsertHost(ctx: FlowContext, input: UpsertHostInput): Promise<UpsertHostResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const name = hostNameOf(input.name);
  if (input.domain !== undefined) verifyUnderDomain(ctx, name, input.domain);
  const addresses = canonicalAddresses(input.addresses);

  const existing = await loadHostByName(ctx, name);
  if (existing && existing.account_id === accountId) {
    const row = await replaceHostAddresses(ctx, accountId, existing, addresses);
    return { host: toHostView(row, ctx.policy), created: false };
  }
  await verifyHostPlacement(ctx, accountId, name, addresses);
  if (existing) throw new HostAlreadyExists(name);
  return { host: toHostView(await insertHost(ctx, accountId, name, addresses), ctx.policy), created: true };
}

/** Freenom names the domain beside the host: the host must lie under it. */
export function verifyUnderDomain(ctx: FlowContext, host: string, domain: string): void {
  const parent = parseDomainName(domain, ctx.policy, 'domain');
  if (!isSubdomainOf(host, parent.ascii)) throw new InvalidValue('host', `the name server must lie under ${parent.ascii}`, host);
}
