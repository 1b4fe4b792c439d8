/**
 * Seeding many hosted zones quickly for the DNS benchmark: one domain and
 * its zone made through the engine's flows (registerDomain, replaceZone),
 * then copied row for row in SQL under new names (bench<N>.com), so every
 * row is one the flows would have written. A tenth of the copies are
 * delegated to outside name servers (referrals from the .com zone).
 */
import { sql } from 'kysely';
import type { Engine } from '../src/core/engine.ts';
import { OPERATOR, createAccount, depositFunds, registerDomain, replaceZone, type DnsRecordInput } from '../src/core/index.ts';

export const BENCH_RECORDS: readonly DnsRecordInput[] = [
  { type: 'A', name: '@', value: '192.0.2.1' },
  { type: 'A', name: 'www', value: '192.0.2.2' },
  { type: 'AAAA', name: 'www', value: '2001:db8::2' },
  { type: 'MX', name: '@', value: 'mail.bench0.com', priority: 10 },
  { type: 'A', name: 'mail', value: '192.0.2.25' },
  { type: 'TXT', name: '@', value: 'v=spf1 mx -all' },
  { type: 'CNAME', name: 'blog', value: 'www.bench0.com' },
  { type: 'SRV', name: '_sip._tcp', value: 'sip.bench0.com', priority: 10, weight: 5, port: 5060 },
  { type: 'A', name: 'sip', value: '192.0.2.60' },
  { type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue', flags: 0 },
];

export async function seedZones(engine: Engine, count: number): Promise<void> {
  const db = engine.store.db;
  const { account } = await engine.run(createAccount, { email: 'bench@example.test', password: 'bench password 1', firstName: 'Bench', lastName: 'Mark' }, { actor: OPERATOR });
  await engine.run(depositFunds, { accountId: account.id, amount: '100.00', currency: 'EUR' }, { actor: OPERATOR });
  const template = (await engine.run(registerDomain, { accountId: account.id, name: 'bench0.com' }, { actor: OPERATOR })).domain;
  await engine.run(replaceZone, { accountId: account.id, name: 'bench0.com', records: BENCH_RECORDS }, { actor: OPERATOR });
  const cols = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'domains' and table_schema = current_schema()`.execute(db);
  const copy = cols.rows.map((c) => c.column_name).filter((c) => !['id', 'name', 'unicode_name', 'service_mode', 'name_servers'].includes(c));
  const list = sql.join(copy.map((c) => sql.ref(c)));
  const BATCH = 20_000;
  for (let from = 1; from < count; from += BATCH) {
    const to = Math.min(count - 1, from + BATCH - 1);
    await sql`
      insert into domains (name, unicode_name, service_mode, name_servers, ${list})
      select 'bench' || g || '.com', 'bench' || g || '.com',
        case when g % 10 = 9 then 'custom_ns' else 'regd_dns' end,
        case when g % 10 = 9 then '["ns1.provider.example","ns2.provider.example"]'::jsonb else '[]'::jsonb end,
        ${list}
      from domains, generate_series(${from}::int, ${to}::int) g where domains.id = ${template.id}`.execute(db);
    await sql`
      insert into dns_zones (domain_id, serial, default_ttl, auto_commit_at)
      select d.id, z.serial, z.default_ttl, null from domains d, dns_zones z
      where z.domain_id = ${template.id} and d.name like 'bench%.com' and d.service_mode = 'regd_dns' and d.id <> ${template.id}
        and not exists (select 1 from dns_zones x where x.domain_id = d.id)`.execute(db);
    await sql`
      insert into dns_records (domain_id, name, type, ttl, priority, weight, port, flags, tag, data, state, staged, created_at, updated_at)
      select d.id, r.name, r.type, r.ttl, r.priority, r.weight, r.port, r.flags, r.tag, replace(r.data, 'bench0.com', d.name), r.state, r.staged, r.created_at, r.updated_at
      from domains d join dns_records r on r.domain_id = ${template.id}
      where d.name like 'bench%.com' and d.service_mode = 'regd_dns' and d.id <> ${template.id}
        and not exists (select 1 from dns_records x where x.domain_id = d.id)`.execute(db);
  }
}
