/**
 * The sweeper's DNS step (operator or system only): commit every zone whose
 * auto-commit deadline (AUTO_COMMIT_DELAY_MS after its first staged change)
 * is at or before `now`, whatever the domain's state.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { commitStagedChanges, isCommitDue, loadZoneRow } from './zone-publish.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export type CommitDueZonesInput = Readonly<Record<string, never>>;

export interface CommittedZone {
  readonly domain: string;
  readonly serial: number;
  readonly changes: number;
}

export interface CommitDueZonesResult {
  readonly zones: readonly CommittedZone[];
}

export async function commitDueZones(ctx: FlowContext, _input: CommitDueZonesInput): Promise<CommitDueZonesResult> {
  requireOperator(ctx);
  const due = await ctx.db
    .selectFrom('dns_zones')
    .innerJoin('domains', 'domains.id', 'dns_zones.domain_id')
    .select(['dns_zones.domain_id', 'domains.name'])
    .where('dns_zones.auto_commit_at', '<=', ctx.now)
    .orderBy('dns_zones.domain_id')
    .execute();
  const zones: CommittedZone[] = [];
  for (const { domain_id, name } of due) {
    const zone = await loadZoneRow(ctx, domain_id);
    if (!zone || !isCommitDue(zone, ctx.now)) continue;
    const committed = await commitStagedChanges(ctx, zone);
    zones.push({ domain: name, serial: committed.zone.serial, changes: committed.changes });
  }
  return { zones };
}
