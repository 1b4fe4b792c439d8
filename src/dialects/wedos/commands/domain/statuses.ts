/**
 * WEDOS domain statuses from the engine's lifecycle projection.
 *
 * | engine state (projection)                          | WEDOS status          |
 * |----------------------------------------------------|-----------------------|
 * | pending_create (asynchronous registration)         | setup_processing      |
 * | active                                             | active                |
 * | active or expired, automatic renewal due, not done | renew_processing      |
 * | expired (auto-renew grace)                         | expired               |
 * | redemption / pending_delete after expiry           | expired               |
 * | redemption / pending_delete after a delete request | cancelled             |
 * | released (history)                                 | deleted               |
 * | incoming transfer pending                          | transfer_processing   |
 *
 * fee_waiting, transfer_fee_waiting and disabled never occur: regd charges
 * prepaid credit when the order is placed (or refuses it with 3002), and
 * has no registry-side suspension.
 */
import { autoRenewLeadMs, type DomainView, type TldPolicy } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

export const WEDOS_STATUSES = [
  'fee_waiting', 'setup_processing', 'active', 'renew_processing', 'expired', 'disabled',
  'cancelled', 'transfer_fee_waiting', 'transfer_processing', 'deleted',
] as const;

export type WedosStatus = (typeof WEDOS_STATUSES)[number];

export function wedosStatus(d: DomainView, policy: TldPolicy, now: Date): WedosStatus {
  switch (d.state) {
    case 'pending_create':
      return 'setup_processing';
    case 'active':
    case 'expired':
      if (renewalPending(d, policy, now)) return 'renew_processing';
      return d.state;
    case 'redemption':
    case 'pending_delete':
      return d.deletedAt !== null ? 'cancelled' : 'expired';
    case 'released':
      return 'deleted';
  }
}

/**
 * The automatic renewal of the current term is due (from expiry minus the
 * TLD's auto-renew lead: 30 days for .cz and .sk, one day where the
 * registry has no auto-renew grace) but has not happened:
 * the sweeper is about to run, or it is waiting for credit to retry. WEDOS
 * calls this a renewal request that already exists (domain-renew: 2269).
 */
export function renewalPending(d: DomainView, policy: TldPolicy, now: Date): boolean {
  if (d.domainType !== 'PAID' || !d.autoRenew || d.deletedAt !== null) return false;
  if (d.state !== 'active' && d.state !== 'expired') return false;
  return now.getTime() >= d.expiresAt.getTime() - autoRenewLeadMs(policy);
}

/** The domains-list `status` filter: one of the WEDOS statuses (any case), else 2101. */
export function parseStatusFilter(v: unknown): WedosStatus | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (!(WEDOS_STATUSES as readonly string[]).includes(s)) {
    throw new WapiError(2101, `Invalid parameter value: status must be one of ${WEDOS_STATUSES.join(', ')}`);
  }
  return s as WedosStatus;
}
