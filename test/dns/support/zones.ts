/**
 * The zones every DNS test serves, made through the engine's own flows: a
 * hosted zone with every record type and every answer situation (CNAME
 * chains, wildcards, empty non-terminals, a sub-delegation with glue, TXT
 * that needs several strings, an RRset too big for UDP), the service modes
 * (forwarding, parking, e-mail forwarding), and delegations in the operated
 * .com and .net zones, one of them with glue from a host object.
 */
import { registerDomain, replaceZone, createHost, setDomainNameServers, setEmailForward, type DnsRecordInput } from '../../../src/core/index.ts';
import type { Engine } from '../../../src/core/engine.ts';
import { newAccount, type TestAccount } from '../../support/fixtures.ts';

export const HOSTED = 'example.com';

const long = (seed: string, n: number) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

export const HOSTED_RECORDS: readonly DnsRecordInput[] = [
  { type: 'A', name: '@', value: '192.0.2.1', ttl: 300 },
  { type: 'AAAA', name: '@', value: '2001:db8::1', ttl: 300 },
  { type: 'A', name: 'www', value: '192.0.2.2' },
  { type: 'A', name: 'www', value: '192.0.2.3' },
  { type: 'AAAA', name: 'www', value: '2001:db8::2' },
  { type: 'CNAME', name: 'blog', value: 'www.example.com' },
  { type: 'CNAME', name: 'chain1', value: 'chain2.example.com' },
  { type: 'CNAME', name: 'chain2', value: 'www.example.com' },
  { type: 'CNAME', name: 'loop1', value: 'loop2.example.com' },
  { type: 'CNAME', name: 'loop2', value: 'loop1.example.com' },
  { type: 'CNAME', name: 'outside', value: 'www.example.org.invalid' },
  { type: 'CNAME', name: 'dangling', value: 'missing.example.com' },
  { type: 'MX', name: '@', value: 'mail.example.com', priority: 10 },
  { type: 'MX', name: '@', value: 'backup.mail.example.net', priority: 20 },
  { type: 'A', name: 'mail', value: '192.0.2.25' },
  { type: 'TXT', name: '@', value: 'v=spf1 mx -all' },
  { type: 'TXT', name: 'long', value: long('0123456789abcdef', 300) },
  { type: 'TXT', name: 'quote', value: 'say "hi" \\ bye' },
  { type: 'SRV', name: '_sip._tcp', value: 'sip.example.com', priority: 10, weight: 60, port: 5060 },
  { type: 'SRV', name: '_sip._tcp', value: 'sip2.example.com', priority: 20, weight: 0, port: 5061 },
  { type: 'A', name: 'sip', value: '192.0.2.60' },
  { type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue', flags: 0 },
  { type: 'CAA', name: '@', value: 'mailto:security@example.com', tag: 'iodef', flags: 128 },
  { type: 'A', name: '*.dev', value: '192.0.2.9' },
  { type: 'TXT', name: '*.dev', value: 'wildcard' },
  { type: 'CNAME', name: '*.alias', value: 'www.example.com' },
  { type: 'A', name: 'host.dev', value: '192.0.2.10' },
  { type: 'A', name: 'deep.a.b', value: '192.0.2.11' },
  { type: 'NS', name: 'sub', value: 'ns1.sub.example.com' },
  { type: 'NS', name: 'sub', value: 'ns.example.net' },
  { type: 'A', name: 'ns1.sub', value: '192.0.2.53' },
  { type: 'AAAA', name: 'ns1.sub', value: '2001:db8::53' },
  ...Array.from({ length: 12 }, (_, i): DnsRecordInput => ({ type: 'TXT', name: 'big', value: `${i}-${long('regd truncation test ', 180)}` })),
];

export interface ZoneFixture {
  readonly account: TestAccount;
}

/** Registers and fills every fixture domain. Deterministic: the same flows in the same order. */
export async function buildZoneFixture(engine: Engine): Promise<ZoneFixture> {
  const account = await newAccount(engine, { depositEur: '1000.00' });
  const as = { actor: account.actor };
  await engine.run(registerDomain, { name: HOSTED }, as);
  await engine.run(replaceZone, { name: HOSTED, records: HOSTED_RECORDS }, as);
  await engine.run(registerDomain, { name: 'forwarded.com', forward: { url: 'https://example.org/', kind: 'permanent' } }, as);
  await engine.run(registerDomain, { name: 'parked.net', parking: { withAds: false } }, as);
  await engine.run(setEmailForward, { name: 'parked.net', forward: { type: 'forward', aliases: [{ user: 'info', to: 'someone@example.org' }] } }, as);
  // A domain with its own name servers: one in its own zone (glue from the host object), one elsewhere.
  await engine.run(registerDomain, { name: 'custom.com' }, as);
  await engine.run(createHost, { name: 'ns1.custom.com', addresses: ['198.51.100.53', '2001:db8:53::1'] }, as);
  await engine.run(setDomainNameServers, { name: 'custom.com', nameServers: ['ns1.custom.com', 'ns2.provider.example'] }, as);
  await engine.run(registerDomain, { name: 'elsewhere.net', nameServers: ['ns1.provider.example', 'ns2.provider.example'] }, as);
  return { account };
}
