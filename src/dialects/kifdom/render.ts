/**
 * KifDom wire shapes: the two meta blocks, ISO-8601 dates, the domain
 * object, DNS and NS records, preorders. Pure functions of core views.
 */
import { formatAmount, type AccountDetails, type DnsRecordView, type DomainView } from '../../core/index.ts';
import { DNS_TYPES } from './schemas.ts';

/** KifDom is a euro registrar: balances, prices and holds are the account's EUR ones. */
export const KIFDOM_CURRENCY = 'EUR';

export interface AccountSummary {
  readonly balanceMinor: number;
  readonly onHoldMinor: number;
  readonly domainCount: number;
}

/** From getAccount, or the account totals read beside a domain (getDomainExtras). */
export function summaryOf(account: Pick<AccountDetails, 'balances' | 'domainCount'>): AccountSummary {
  const eur = account.balances.find((b) => b.currency === KIFDOM_CURRENCY);
  return { balanceMinor: eur?.balanceMinor ?? 0, onHoldMinor: eur?.onHoldMinor ?? 0, domainCount: account.domainCount };
}

/** `{"balance":"1350.00","on-hold":"90.00","total":14,"error":false}` */
export function meta(s: AccountSummary, error = false) {
  return {
    balance: formatAmount(s.balanceMinor, KIFDOM_CURRENCY),
    'on-hold': formatAmount(s.onHoldMinor, KIFDOM_CURRENCY),
    total: s.domainCount,
    error,
  };
}

/** `{"on-hold":20,"total-domains":14,"credits-balance":1350,"error":true}`: the meta of most documented 400s. */
export function errorMeta(s: AccountSummary) {
  return {
    'on-hold': Number(formatAmount(s.onHoldMinor, KIFDOM_CURRENCY)),
    'total-domains': s.domainCount,
    'credits-balance': Number(formatAmount(s.balanceMinor, KIFDOM_CURRENCY)),
    error: true,
  };
}

/** "2023-03-01T00:00:00Z": whole seconds, as registry_ends_at is shown. */
export function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2023-05-17T09:27:27.000000Z": microseconds, as a preorder's last_update is shown. */
export function isoMicros(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export type KifdomStatus = 'active' | 'outgoing_transfer' | 'pending' | 'expired' | 'redemption' | 'pending_delete';

/** A held domain's status; a pending outgoing transfer shows as `outgoing_transfer`. */
export function statusOf(domain: DomainView, transferringOut: boolean): KifdomStatus {
  if (transferringOut && (domain.state === 'active' || domain.state === 'expired')) return 'outgoing_transfer';
  switch (domain.state) {
    case 'pending_create':
      return 'pending';
    case 'released':
    case 'pending_delete':
      return 'pending_delete';
    default:
      return domain.state;
  }
}

const KIFDOM_TYPES: ReadonlySet<string> = new Set(DNS_TYPES);

/** Records KifDom shows in a domain's `dns` list: its own five types. */
export function isKifdomRecord(r: DnsRecordView): boolean {
  return KIFDOM_TYPES.has(r.type);
}

/** `{id, type, name, data, priority (MX only), ttl}` */
export function dnsEntry(r: DnsRecordView) {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    data: r.value,
    ...(r.type === 'MX' ? { priority: r.priority ?? 0 } : {}),
    ttl: r.ttl,
  };
}

/** `{id, type, name, value, priority (MX only), ttl}`: the name-servers and dns-zones lists. */
export function zoneRecord(r: Pick<DnsRecordView, 'id' | 'type' | 'name' | 'value' | 'priority' | 'ttl'>) {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    value: r.value,
    ...(r.type === 'MX' ? { priority: r.priority ?? 0 } : {}),
    ttl: r.ttl,
  };
}

export interface NameServerEntry {
  /** Position in the list, from 1 (name servers have no stored ids in the core). */
  readonly id: number;
  readonly host: string;
  readonly ttl: number;
}

/** `{id, type:"NS", name:null, data, priority:null, ttl}`: a custom name server inside a domain object. */
export function nsEntry(ns: NameServerEntry) {
  return { id: ns.id, type: 'NS', name: null, data: ns.host, priority: null, ttl: ns.ttl };
}

export interface DomainDetails {
  readonly domain: DomainView;
  readonly transferringOut: boolean;
  /** The published records when the zone is hosted here; empty otherwise. */
  readonly records: readonly DnsRecordView[];
  /** The custom name servers (empty on KifDom's own). */
  readonly nameServers: readonly NameServerEntry[];
}

/** The domain object of the list and show endpoints, keys in the document's order. */
export function domainObject(x: DomainDetails) {
  const kifdns = x.domain.serviceMode !== 'custom_ns';
  return {
    name: x.domain.unicodeName,
    punycode_name: x.domain.name,
    status: statusOf(x.domain, x.transferringOut),
    renew: x.domain.autoRenew,
    kifdns,
    ...(kifdns ? { dns: x.records.filter(isKifdomRecord).map(dnsEntry) } : { ns: x.nameServers.map(nsEntry) }),
    registry_ends_at: isoSeconds(x.domain.expiresAt),
    label: x.domain.label,
  };
}
