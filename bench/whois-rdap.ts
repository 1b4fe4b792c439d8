/**
 * `npm run bench:whois` — WHOIS queries and RDAP domain lookups per second
 * for one registered domain with four contacts, against a server in this
 * process (prints numbers, not a test). Every answer reads the store (no
 * cache: a privacy change shows on the next query) and counts the lookup
 * (get_whois_stats), so this measures the engine's read plus one upsert.
 * WHOIS: BENCH_QUERIES queries (default 1000) over a fresh TCP connection
 * each, 1 and 10 at a time; RDAP: autocannon for 5 s with 1 and 10
 * connections. The per-address limits are off for the run. Embedded PGlite
 * in a temporary directory, or the PostgreSQL of DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/index.ts';
import { createAccount, createContact, depositFunds, OPERATOR, accountActor, registerDomain } from '../src/core/index.ts';
import { openServices } from '../src/runtime/services.ts';
import { startServer } from '../src/server/index.ts';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const log = (s: string) => process.stdout.write(s + '\n');

function query(port: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    const got: Buffer[] = [];
    s.on('data', (d) => got.push(d));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(got).toString()));
    s.on('connect', () => s.write(`${name}\r\n`));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'regd-bench-whois-'));
const token = 'bench-operator-token-0123456789';
const argv = [
  '--data-dir', dir, '--port', '0', '--log-level', 'silent', '--no-seed-demo', '--whois-port', '0',
  '--whois-queries-per-minute', '0', '--whois-connections', '0', '--rdap-requests-per-minute', '0',
];
const services = await openServices(loadConfig({ argv, env: { ...process.env, REGD_OPERATOR_TOKEN: token } }));
const server = await startServer(services, { operatorToken: token, startWhois: true });
try {
  const { engine } = services;
  const { account } = await engine.run(createAccount, { email: 'bench-whois@example.test', password: 'bench password', firstName: 'Bench', lastName: 'Whois' }, { actor: OPERATOR });
  await engine.run(depositFunds, { accountId: account.id, amount: '100.00', currency: 'EUR' }, { actor: OPERATOR });
  const actor = accountActor(account.id);
  const c = await engine.run(createContact, { name: 'Jack Slater', address1: '1 Free Way', city: 'Los Angeles', state: 'CA', postcode: '90068', country: 'US', phone: '+1.5555555233', email: 'jack@example.com' }, { actor });
  await engine.run(registerDomain, { name: 'bench-whois.com', contacts: { registrant: c.id, admin: c.id, tech: c.id, billing: c.id } }, { actor });
  const port = server.whoisPort!;
  log(`WHOIS and RDAP of one domain, ${services.store.kind}`);
  for (let i = 0; i < 50; i++) await query(port, 'bench-whois.com');
  for (const concurrency of [1, 10]) {
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < QUERIES) {
        next++;
        const t = performance.now();
        const answer = await query(port, 'bench-whois.com');
        latencies.push(performance.now() - t);
        if (!answer.startsWith('Domain Name: bench-whois.com')) throw new Error(`unexpected answer: ${answer.slice(0, 80)}`);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!.toFixed(1);
    log(`  WHOIS, ${concurrency} at a time: ${(QUERIES / seconds).toFixed(0)} queries/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
  }
  for (const connections of [1, 10]) {
    const r = await autocannon({ url: `${server.url}/rdap/domain/bench-whois.com`, connections, duration: 5 });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`RDAP: ${r.non2xx} answers not 2xx, ${r.errors} errors`);
    log(`  RDAP domain, ${connections} connection(s): ${r.requests.average.toFixed(0)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
