/**
 * The read model of a name server host object. `id` is the stored public
 * number (Dynadot ServerId); the internal row id never leaves the core.
 */
import type { HostRow } from '../../../store/index.ts';
import type { PolicyBook } from '../../policy/policy-book.ts';
import { registryDomainOf } from './bailiwick.ts';

export interface HostView {
  readonly id: number;
  /** Lower-case A-label form. */
  readonly name: string;
  /** Canonical text, IPv4 before IPv6. */
  readonly addresses: readonly string[];
  /** The host lies under a domain of this registry (its addresses are glue). */
  readonly inBailiwick: boolean;
  /** The registry domain it lies under, or null. */
  readonly domain: string | null;
  readonly createdAt: Date;
}

export function toHostView(row: HostRow, policy: PolicyBook): HostView {
  const domain = registryDomainOf(policy, row.name);
  return {
    id: row.number,
    name: row.name,
    addresses: [...row.addresses],
    inBailiwick: domain !== null,
    domain,
    createdAt: row.created_at,
  };
}
