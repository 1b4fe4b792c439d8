/**
 * The networks an account may call WEDOS WAPI from. No networks: any
 * address. Set by the operator (CLI `account wapi-ips`) or by the account
 * itself; the list is replaced as a whole. Networks are kept in canonical
 * CIDR form with the host bits cleared ("192.0.2.7/24" → "192.0.2.0/24";
 * a bare address is /32 or /128).
 */
import { BlockList, isIPv4 } from 'node:net';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { markReadOnly } from '../../run-flow.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export const MAX_WAPI_NETWORKS = 50;

/** Reads only; the list read a moment ago is answered from the credentials cache until it is set again (credentials-cache.ts). */
export const getWapiIpAllowlist = markReadOnly(async function getWapiIpAllowlist(ctx: FlowContext, input: { readonly accountId?: number } = {}): Promise<string[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  const cache = ctx.credentials?.cache;
  const cacheKey = cache?.keyOf<readonly string[]>('networks', String(accountId));
  const hit = cacheKey && cache!.get(cacheKey);
  if (hit) return [...hit];
  const ticket = cache?.ticket() ?? 0;
  const rows = await ctx.db.selectFrom('wapi_ip_allow').select('cidr').where('account_id', '=', accountId).orderBy('cidr').execute();
  const networks = rows.map((r) => r.cidr);
  if (cacheKey) cache!.set(ticket, cacheKey, Object.freeze([...networks]), { accountId });
  return networks;
});

export async function setWapiIpAllowlist(ctx: FlowContext, input: { readonly accountId?: number; readonly networks: readonly string[] }): Promise<string[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  if (!Array.isArray(input.networks)) throw new InvalidValue('networks', 'a list of networks is required', input.networks);
  if (input.networks.length > MAX_WAPI_NETWORKS) throw new InvalidValue('networks', `at most ${MAX_WAPI_NETWORKS} networks`, input.networks.length);
  const networks = [...new Set(input.networks.map((n) => canonicalNetwork(n)))].sort();
  await ctx.db.deleteFrom('wapi_ip_allow').where('account_id', '=', accountId).execute();
  ctx.credentials?.changedAccount(accountId);
  if (networks.length > 0) {
    await ctx.db.insertInto('wapi_ip_allow').values(networks.map((cidr) => ({ account_id: accountId, cidr, created_at: ctx.now }))).execute();
  }
  return networks;
}

/** "a.b.c.d[/n]" or "x:y::z[/n]" → canonical CIDR with host bits cleared; InvalidValue otherwise. */
export function canonicalNetwork(input: unknown, param = 'networks'): string {
  if (typeof input !== 'string') throw new InvalidValue(param, 'an address or CIDR network is required', input);
  const [addr = '', prefixText, extra] = input.trim().split('/');
  const v4 = isIPv4(addr);
  const bits = v4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (extra !== undefined || !(prefix >= 0 && prefix <= bits)) throw new InvalidValue(param, 'an address or CIDR network is required', input);
  const value = v4 ? ipv4ToBigInt(addr) : ipv6ToBigInt(addr);
  if (value === undefined) throw new InvalidValue(param, 'an address or CIDR network is required', input);
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  const network = value & mask;
  return `${v4 ? bigIntToIpv4(network) : bigIntToIpv6(network)}/${prefix}`;
}

/** Whether `ip` (IPv4, IPv6 or IPv4-mapped IPv6) lies in one of the canonical networks. */
export function addressInNetworks(ip: string, networks: readonly string[]): boolean {
  const list = new BlockList();
  for (const n of networks) {
    const [addr, prefix] = n.split('/') as [string, string];
    list.addSubnet(addr, Number(prefix), isIPv4(addr) ? 'ipv4' : 'ipv6');
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

function ipv4ToBigInt(s: string): bigint | undefined {
  const parts = s.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function bigIntToIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
}

function ipv6ToBigInt(s: string): bigint | undefined {
  let host: string;
  try {
    host = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = host.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function bigIntToIpv6(v: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((v >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}
