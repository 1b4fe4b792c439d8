/**
 * The state of a registration at any instant, computed from its stored
 * timestamps and its TLD's policy. Every read uses this, so moving the
 * sandbox clock is consistent at once; the sweeper only persists what the
 * projection already says.
 *
 *   pending_create ─▶ active ─(expires_at)─▶ expired ─(auto-renew grace)─▶
 *   redemption ─(redemption)─▶ pending_delete ─(pending delete)─▶ released
 *
 * A delete request jumps to redemption (or straight to released when the
 * TLD has no redemption, or inside the add-grace period). A FREE
 * registration is cancelled at expiry (Freenom): active ─(expires_at)─▶
 * released, with no grace, redemption or pending delete.
 */
import type { TldPolicy } from '../policy/tld-policy.ts';

export type DomainState = 'pending_create' | 'active' | 'expired' | 'redemption' | 'pending_delete' | 'released';

/** States in which the name is still held by its registrant (not available to others). */
export const HELD_STATES: ReadonlySet<DomainState> = new Set(['pending_create', 'active', 'expired', 'redemption', 'pending_delete']);

export interface LifecycleTimestamps {
  readonly created_at: Date;
  readonly create_completes_at: Date | null;
  readonly expires_at: Date;
  readonly add_grace_ends_at: Date | null;
  readonly deleted_at: Date | null;
  readonly released_at: Date | null;
  /** FREE registrations are cancelled at expiry; absent means PAID. */
  readonly domain_type?: 'FREE' | 'PAID';
}

export interface Projection {
  readonly state: DomainState;
  /** When the current state ends (undefined for active-until-expiry and released). */
  readonly stateEndsAt?: Date;
  /** Redemption ends (restore no longer possible) at this instant. */
  readonly redemptionEndsAt?: Date;
  /** The name becomes available to everyone at this instant. */
  readonly releasesAt?: Date;
  readonly inAddGrace: boolean;
}

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

export function projectDomainAt(d: LifecycleTimestamps, policy: TldPolicy, now: Date): Projection {
  const t = now.getTime();
  const inAddGrace = d.add_grace_ends_at !== null && t < d.add_grace_ends_at.getTime() && d.deleted_at === null;
  if (d.released_at !== null && d.released_at.getTime() <= t) return { state: 'released', inAddGrace: false };
  if (d.deleted_at !== null) {
    const redemptionEndsAt = plus(d.deleted_at, policy.grace.redemptionMs);
    return afterDeletion(t, redemptionEndsAt, releaseInstantOf(d, policy));
  }
  if (d.create_completes_at !== null && t < d.create_completes_at.getTime()) {
    return { state: 'pending_create', stateEndsAt: d.create_completes_at, inAddGrace };
  }
  if (t < d.expires_at.getTime()) return { state: 'active', stateEndsAt: d.expires_at, inAddGrace };
  if (d.domain_type === 'FREE') return { state: 'released', inAddGrace: false };
  const graceEndsAt = plus(d.expires_at, policy.grace.autoRenewMs);
  const redemptionEndsAt = plus(graceEndsAt, policy.grace.redemptionMs);
  const releasesAt = releaseInstantOf(d, policy);
  if (t < graceEndsAt.getTime()) return { state: 'expired', stateEndsAt: graceEndsAt, redemptionEndsAt, releasesAt, inAddGrace: false };
  return afterDeletion(t, redemptionEndsAt, releasesAt);
}

/**
 * The instant this registration is (or, if nothing changes, will be)
 * released: a stored release instant; else the end of pending delete after
 * a deletion; else expiry itself for a FREE registration; else the end of
 * auto-renew grace, redemption and pending delete after expiry.
 */
export function releaseInstantOf(d: LifecycleTimestamps, policy: TldPolicy): Date {
  if (d.released_at !== null) return d.released_at;
  const { autoRenewMs, redemptionMs, pendingDeleteMs } = policy.grace;
  if (d.deleted_at !== null) return plus(d.deleted_at, redemptionMs + pendingDeleteMs);
  if (d.domain_type === 'FREE') return d.expires_at;
  return plus(d.expires_at, autoRenewMs + redemptionMs + pendingDeleteMs);
}

function afterDeletion(t: number, redemptionEndsAt: Date, releasesAt: Date): Projection {
  if (t < redemptionEndsAt.getTime()) return { state: 'redemption', stateEndsAt: redemptionEndsAt, redemptionEndsAt, releasesAt, inAddGrace: false };
  if (t < releasesAt.getTime()) return { state: 'pending_delete', stateEndsAt: releasesAt, redemptionEndsAt, releasesAt, inAddGrace: false };
  return { state: 'released', inAddGrace: false };
}
