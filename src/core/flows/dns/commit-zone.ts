/**
 * Publish every staged change of a zone at once (WEDOS dns-domain-commit):
 * the serial moves once, the auto-commit deadline is cleared. With nothing
 * pending it changes nothing and reports zero changes.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { loadHostedZone } from './hosted-zone.ts';
import { commitStagedChanges } from './zone-publish.ts';
import { zoneStatus, type ZoneStatus } from './zone-result.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'DNS_NOT_HOSTED',
] as const satisfies readonly ErrorCode[];

export interface CommitZoneInput {
  readonly accountId?: number;
  readonly name: string;
}

export interface CommitZoneResult extends ZoneStatus {
  /** Staged additions, updates and deletions published by this commit. */
  readonly changes: number;
}

export async function commitZone(ctx: FlowContext, input: CommitZoneInput): Promise<CommitZoneResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const hosted = await loadHostedZone(ctx, accountId, input.name, 'change', { settleDueCommit: false });
  if (!hosted.zone) return { ...zoneStatus(hosted), changes: 0 };
  const { zone, changes } = await commitStagedChanges(ctx, hosted.zone);
  return { ...zoneStatus(hosted, zone), changes };
}
