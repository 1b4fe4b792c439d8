/** The record fields shared by dns-zones create and update, and their translation to the core's record input. */
import type { DnsRecordInput } from '../../../core/index.ts';
import { DNS_TYPES } from '../schemas.ts';

export const recordProperties = {
  type: { type: 'string', enum: DNS_TYPES, description: 'A, AAAA, CNAME, MX or TXT.' },
  name: { type: 'string', maxLength: 253, description: 'Relative name; "@" for the domain itself.' },
  value: { type: 'string', maxLength: 4000, description: 'Address, target host name or text.' },
  priority: {
    type: ['string', 'integer'],
    pattern: '^[0-9]{1,5}$',
    'x-expects': 'an integer',
    description: 'MX priority (lower is preferred); required for MX, ignored otherwise. "10" or 10.',
  },
  ttl: { type: 'integer', 'x-expects': 'an integer', description: 'Time to live, in seconds.' },
} as const;

export const recordRequired = ['type', 'name', 'value', 'ttl'] as const;

export function toRecordInput(b: {
  readonly type: string;
  readonly name: string;
  readonly value: string;
  readonly priority?: string | number;
  readonly ttl: number;
}): DnsRecordInput {
  return {
    type: b.type,
    name: b.name,
    value: b.value,
    ttl: b.ttl,
    ...(b.priority !== undefined ? { priority: Number(b.priority) } : {}),
  };
}
