/**
 * What every flow receives: the transaction to work in, the one `now` of this
 * request, who is acting, the TLD policy book, and which door the call came
 * through (for order records).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { PolicyBook } from './policy/policy-book.ts';
import type { CredentialsScope } from './credentials-cache.ts';
import type { PruneSchedule } from './prune-schedule.ts';

export type Actor =
  | { readonly kind: 'account'; readonly accountId: number }
  | { readonly kind: 'operator' }
  | { readonly kind: 'system' };

export interface FlowContext {
  readonly db: Kysely<Database>;
  readonly now: Date;
  readonly actor: Actor;
  readonly policy: PolicyBook;
  readonly source: string;
  /**
   * The process's verified-credentials cache, for this run
   * (credentials-cache.ts): the authentication flows read and fill it; a
   * flow that changes an account or counts a failed login says so. Absent
   * where no cache is kept.
   */
  readonly credentials?: CredentialsScope;
  /** Caps on a hosted zone's size (dns.maxRecordsPerZone, dns.maxZoneBytes); DEFAULT_DNS_ZONE_LIMITS when absent. */
  readonly dnsLimits?: DnsZoneLimits;
  /** When this process last pruned each account's expired idempotency keys (prune-schedule.ts); absent: pruned by every request. */
  readonly prunes?: PruneSchedule;
}

export interface DnsZoneLimits {
  /** Records a hosted zone may hold (staged ones included). */
  readonly maxRecordsPerZone: number;
  /** Octets of record data (the values) a hosted zone may hold. */
  readonly maxZoneBytes: number;
}

export const DEFAULT_DNS_ZONE_LIMITS: DnsZoneLimits = Object.freeze({ maxRecordsPerZone: 10_000, maxZoneBytes: 1_048_576 });

export type Flow<I, O> = (ctx: FlowContext, input: I) => Promise<O>;

export const OPERATOR: Actor = Object.freeze({ kind: 'operator' });
export const SYSTEM: Actor = Object.freeze({ kind: 'system' });
export const accountActor = (accountId: number): Actor => Object.freeze({ kind: 'account', accountId });
