/**
 * The published data of one name server (RDAP nameserver lookups): a host
 * object regd holds (with its public server id and addresses), one of regd's
 * own name servers, or a name server some live domain regd operates is
 * delegated to without a host object here (no addresses known). Anything
 * else reads undefined. Public data: any caller.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';
import { parseHostName, toUnicode } from '../../names.ts';
import type { OwnNameServer } from './lookup-registration.ts';

export const throws = ['INVALID_HOST_NAME'] as const satisfies readonly ErrorCode[];

export interface NameServerRecord {
  /** Lower-case A-label. */
  readonly name: string;
  readonly unicodeName: string;
  /** Public server id of a host object ("REGD-H1001"); null for regd's own and external servers. */
  readonly handle: string | null;
  readonly addresses: readonly string[];
  /** host: a host object in regd; own: one of regd's name servers; external: only named in delegations. */
  readonly kind: 'host' | 'own' | 'external';
  readonly createdAt: Date | null;
}

export interface LookupNameServerInput {
  readonly name: string;
  readonly ownNameServers: readonly OwnNameServer[];
}

export const lookupNameServer = markReadOnly(async function lookupNameServer(
  ctx: FlowContext,
  input: LookupNameServerInput,
): Promise<NameServerRecord | undefined> {
  const name = parseHostName(input.name, 'name');
  const unicodeName = toUnicode(name);
  const host = await ctx.db.selectFrom('hosts').select(['number', 'addresses', 'created_at']).where('name', '=', name).executeTakeFirst();
  if (host) return { name, unicodeName, handle: hostHandle(host.number), addresses: host.addresses, kind: 'host', createdAt: host.created_at };
  const own = input.ownNameServers.find((ns) => ns.name === name);
  if (own) return { name, unicodeName, handle: null, addresses: own.addresses, kind: 'own', createdAt: null };
  const delegating = await ctx.db.selectFrom('domains').select('id')
    .where('released_at', 'is', null)
    .where('service_mode', '=', 'custom_ns')
    .where(sql<boolean>`name_servers @> ${JSON.stringify([name])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  return delegating ? { name, unicodeName, handle: null, addresses: [], kind: 'external', createdAt: null } : undefined;
});

/** The public id of a host object in RDAP and WHOIS. */
export function hostHandle(number: number): string {
  return `REGD-H${number}`;
}
