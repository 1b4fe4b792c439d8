/**
 * Auto-renew, the sweeper's flows (operator or system only).
 *
 * A PAID registration with auto-renew on is due from `expires_at − lead`
 * (see autoRenewLeadMs: the TLD's `renew_before_expiry`, WEDOS-style TLDs
 * renew 30 days early; at least a day for a TLD without auto-renew grace),
 * or from its retry instant after a failed attempt, as long as it is still
 * renewable (active, or expired within auto-renew grace) at that instant.
 *
 * The renewal runs at its due instant (the runner pins `ctx.now`), as if
 * the sweeper had run on time: a sandbox clock moved three years ahead
 * renews three times, each charge and order dated when it fell due, and the
 * ordinary renewDomain flow applies every rule and price of that instant.
 * Without funds the attempt rolls back whole and `recordRenewFailure`
 * schedules a retry a day later (the domain then expires by itself).
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { DAY } from '../clock.ts';
import type { TldPolicy } from '../policy/tld-policy.ts';
import type { DomainRow } from '../../store/index.ts';
import { renewDomain } from '../flows/domains/renew-domain.ts';
import { notify } from '../flows/notifications/notify.ts';
import { projectDomainAt, type DomainState } from './project-domain.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Auto-renew extends by one year. */
export const AUTO_RENEW_MONTHS = 12;
/** After a failed attempt (no funds), the next one comes this much later. */
export const AUTO_RENEW_RETRY_MS = DAY;
/**
 * The least lead of auto-renew on a TLD without auto-renew grace. Such a
 * registry (.de, .fr, .eu, .at, .be, .lv, PAID names on the free TLDs)
 * deletes at the expiry instant itself, which the projection shows as
 * redemption from `expires_at` on: a renewal at expiry would find nothing
 * left to renew. So the registrar renews a day before expiry, as registrars
 * of those TLDs do; one attempt, since a retry a day later lands at expiry.
 */
export const NO_GRACE_RENEW_LEAD_MS = DAY;
/** States in which auto-renew may still act at its due instant (the same as a manual renewal). */
const AUTO_RENEWABLE: ReadonlySet<DomainState> = new Set(['active', 'expired']);

type RenewalFields = Pick<DomainRow, 'domain_type' | 'auto_renew' | 'deleted_at' | 'released_at' | 'expires_at' | 'auto_renew_retry_at' | 'created_at' | 'create_completes_at' | 'add_grace_ends_at'>;

/**
 * How long before expiry auto-renew acts on this TLD: its
 * `renew_before_expiry`, and at least NO_GRACE_RENEW_LEAD_MS when it has no
 * auto-renew grace, so that the due instant is always one at which the
 * domain is still renewable (active).
 */
export function autoRenewLeadMs(policy: TldPolicy): number {
  return policy.grace.autoRenewMs > 0 ? policy.renewBeforeExpiryMs : Math.max(policy.renewBeforeExpiryMs, NO_GRACE_RENEW_LEAD_MS);
}

/** The instant auto-renew should act on this registration, or null when it never will as things stand. */
export function renewalDueAt(row: RenewalFields, policy: TldPolicy): Date | null {
  if (row.domain_type !== 'PAID' || !row.auto_renew || row.deleted_at !== null || row.released_at !== null) return null;
  const opens = row.expires_at.getTime() - autoRenewLeadMs(policy);
  const due = new Date(Math.max(opens, row.auto_renew_retry_at?.getTime() ?? opens));
  return AUTO_RENEWABLE.has(projectDomainAt(row, policy, due).state) ? due : null;
}

export interface DueRenewal {
  readonly domainId: number;
  readonly dueAt: Date;
  /** The expiry the renewal extends. */
  readonly expiresAt: Date;
}

/** Registrations whose auto-renew is due at or before now, earliest due instant first. */
export async function listDueRenewals(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly DueRenewal[]> {
  requireOperator(ctx);
  const maxEarly = Math.max(0, ...ctx.policy.list().map(autoRenewLeadMs));
  const rows = await ctx.db
    .selectFrom('domains')
    .selectAll()
    .where('released_at', 'is', null)
    .where('deleted_at', 'is', null)
    .where('auto_renew', '=', true)
    .where('domain_type', '=', 'PAID')
    .where('expires_at', '<=', new Date(ctx.now.getTime() + maxEarly))
    .where((eb) => eb.or([eb('auto_renew_retry_at', 'is', null), eb('auto_renew_retry_at', '<=', ctx.now)]))
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  const due: DueRenewal[] = [];
  for (const row of rows) {
    const dueAt = renewalDueAt(row, ctx.policy.get(row.tld));
    if (dueAt !== null && dueAt.getTime() <= ctx.now.getTime()) due.push({ domainId: row.id, dueAt, expiresAt: row.expires_at });
  }
  // In the order they fell due (leads differ per TLD), so a jumped clock charges in the order small steps would.
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.domainId - b.domainId);
}

export type AutoRenewOutcome =
  | { readonly outcome: 'renewed'; readonly orderNumber: string; readonly expiresAt: Date }
  /** No longer due at this instant (renewed by hand, deleted, switched off, or another sweeper was first). */
  | { readonly outcome: 'not_due' };

/** Run with `now` pinned to the renewal's due instant. Throws (InsufficientFunds…) to roll the attempt back. */
export async function autoRenewDomain(ctx: FlowContext, input: { readonly domainId: number }): Promise<AutoRenewOutcome> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).forUpdate().executeTakeFirst();
  if (!row) return { outcome: 'not_due' };
  const dueAt = renewalDueAt(row, ctx.policy.get(row.tld));
  if (dueAt === null || dueAt.getTime() !== ctx.now.getTime()) return { outcome: 'not_due' };
  const renewed = await renewDomain(ctx, { accountId: row.account_id, name: row.name, periodMonths: AUTO_RENEW_MONTHS });
  // Not a price check, so an order was made.
  const orderNumber = renewed.orderNumber!;
  await ctx.db.updateTable('domains').set({ auto_renew_retry_at: null }).where('id', '=', row.id).execute();
  await notify(ctx, {
    accountId: row.account_id,
    kind: 'domain.renewed',
    domainName: row.name,
    message: `Domain ${row.name} was renewed automatically until ${renewed.newExpiresAt.toISOString()} (order ${orderNumber}).`,
    payload: { orderNumber, previousExpiresAt: row.expires_at.toISOString(), expiresAt: renewed.newExpiresAt.toISOString(), amountMinor: renewed.quote.totalMinor, currency: renewed.quote.currency },
    dedupeKey: `domain.renewed:${row.id}:${row.expires_at.toISOString()}`,
  });
  return { outcome: 'renewed', orderNumber, expiresAt: renewed.newExpiresAt };
}

export interface RenewFailureInput {
  readonly domainId: number;
  /** The expiry the failed attempt tried to extend; a changed expiry means someone renewed meanwhile. */
  readonly expiresAt: Date;
  readonly reason: string;
}

/** Schedules the next attempt a day from now and tells the account, once per expiry. Returns false when nothing was recorded. */
export async function recordRenewFailure(ctx: FlowContext, input: RenewFailureInput): Promise<boolean> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).forUpdate().executeTakeFirst();
  if (!row || row.expires_at.getTime() !== input.expiresAt.getTime()) return false;
  const retryAt = new Date(ctx.now.getTime() + AUTO_RENEW_RETRY_MS);
  await ctx.db.updateTable('domains').set({ auto_renew_retry_at: retryAt }).where('id', '=', row.id).execute();
  await notify(ctx, {
    accountId: row.account_id,
    kind: 'domain.renew_failed',
    domainName: row.name,
    message: `Automatic renewal of ${row.name} failed: ${input.reason} It expires on ${row.expires_at.toISOString()} unless renewed.`,
    payload: { expiresAt: row.expires_at.toISOString(), reason: input.reason, retryAt: retryAt.toISOString() },
    dedupeKey: `domain.renew_failed:${row.id}:${row.expires_at.toISOString()}`,
  });
  return true;
}
