/** The policy of one TLD, as data. All durations in milliseconds, all prices in minor units. */

export type Operation = 'register' | 'renew' | 'transfer' | 'restore';
export const OPERATIONS: readonly Operation[] = ['register', 'renew', 'transfer', 'restore'];

/** Per-year prices of one currency. */
export type PriceRow = Readonly<Record<Operation, number>>;

export interface PriceSchedule {
  readonly effectiveFrom: Date;
  readonly prices: Readonly<Record<string, PriceRow>>;
}

export interface TldPolicy {
  readonly tld: string;
  /** free: FREE registrations (in months) are offered beside PAID ones. */
  readonly kind: 'paid' | 'free';
  /** regd is the registry of this TLD: its DNS server publishes the delegations. */
  readonly operated: boolean;
  readonly periodsYears: readonly number[];
  readonly freePeriodsMonths: readonly number[];
  readonly defaultPeriodMonths: number;
  readonly defaultFreePeriodMonths: number;
  readonly maxHorizonMonths: number;
  readonly creation: { readonly mode: 'sync' | 'async'; readonly delayMs: number };
  readonly transfer: {
    readonly mode: 'sync' | 'async';
    readonly autoApproveMs: number;
    readonly instantWithAuthCode: boolean;
    readonly lockAfterCreateMs: number;
    readonly lockAfterTransferMs: number;
    readonly addsMonths: number;
  };
  readonly nssetRequired: boolean;
  readonly nameServers: { readonly min: number; readonly max: number };
  readonly grace: {
    readonly addMs: number;
    readonly autoRenewMs: number;
    readonly redemptionMs: number;
    readonly pendingDeleteMs: number;
  };
  readonly renewBeforeExpiryMs: number;
  /** Free-domain style: renewal allowed only this long before expiry; null = any time. */
  readonly renewWindowMs: number | null;
  /**
   * A delete after the add-grace period: allowed (the domain enters
   * redemption, restorable, then pending delete), release (it leaves the
   * account and the name is free at once, as the Freenom registry does) or
   * refused. Nothing is refunded either way.
   */
  readonly deleteOutsideGrace: 'allowed' | 'release' | 'refused';
  readonly restoreIncludesRenewal: boolean;
  /**
   * A PAID registration left expired enters an `expired` auction
   * (core flows/auctions) `startsAfterExpiryMs` after its expiry, for
   * `durationMs`, starting at the TLD's one-year renew price in USD; the
   * owner can still renew until it closes (it then closes by renewal).
   * null: names of this TLD are never auctioned at expiry.
   */
  readonly expiredAuction: { readonly startsAfterExpiryMs: number; readonly durationMs: number } | null;
  /**
   * The scripts (Unicode script names, e.g. Latin, Cyrillic) whose
   * characters an internationalized label may use besides ASCII letters,
   * digits and hyphens: null, every script in modern use; empty, no IDNs.
   * Every TLD also refuses mixed-script labels (src/core/idn-scripts.ts).
   */
  readonly idnScripts: ReadonlySet<string> | null;
  readonly reserved: ReadonlySet<string>;
  readonly blocked: ReadonlySet<string>;
  /** Full domain name (A-label) → currency → per-year price in minor units. */
  readonly premium: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Sorted by effectiveFrom ascending. */
  readonly schedules: readonly PriceSchedule[];
}
