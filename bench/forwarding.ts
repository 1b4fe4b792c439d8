/**
 * `npm run bench:forwarding` — requests per second of the URL forwarding
 * service (a 302 redirect, a stealth frame page, a parking page and an
 * unknown host, each for BENCH_SECONDS, default 3, 20 connections, with
 * autocannon), how long a change through a flow takes to be served (the next
 * request after the commit; median of 50), and the SMTP service relaying
 * messages to a local sink smarthost (BENCH_MAILS, default 200, 4 at once).
 * A server in this process over embedded PGlite in a temporary directory, or
 * the PostgreSQL of DATABASE_URL. Prints numbers, not a test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config/index.ts';
import { createAccount, depositFunds, modifyDomain, OPERATOR, registerDomain, setEmailForward, accountActor } from '../src/core/index.ts';
import { openServices } from '../src/runtime/services.ts';
import { startServer } from '../src/server/index.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MAILS = Number(process.env.BENCH_MAILS ?? 200);
const log = (s: string) => process.stdout.write(s + '\n');

let received = 0;
const sink = new SMTPServer({
  authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], hideSTARTTLS: true, disableReverseLookup: true, logger: false,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkPort = (sink.server.address() as { port: number }).port;

const dir = mkdtempSync(join(tmpdir(), 'regd-bench-forwarding-'));
writeFileSync(join(dir, 'regd.yaml'), `mail:\n  port: 0\n  smarthost:\n    host: 127.0.0.1\n    port: ${sinkPort}\n`);
const token = 'bench-operator-token-0123456789';
const argv = ['--config', join(dir, 'regd.yaml'), '--data-dir', dir, '--port', '0', '--forwarding-port', '0', '--log-level', 'silent', '--no-seed-demo'];
const services = await openServices(loadConfig({ argv, env: { ...process.env, REGD_OPERATOR_TOKEN: token } }));
const server = await startServer(services, { operatorToken: token, startForwarding: true, startMail: true });
const engine = services.engine;
try {
  const { account } = await engine.run(createAccount, { email: 'bench-fwd@example.test', password: 'bench password 1', firstName: 'Bench', lastName: 'Forwarding' }, { actor: OPERATOR });
  await engine.run(depositFunds, { accountId: account.id, amount: '1000.00', currency: 'EUR' }, { actor: OPERATOR });
  const actor = accountActor(account.id);
  const reg = (name: string, service: Omit<Parameters<typeof registerDomain>[1], 'name'>) => engine.run(registerDomain, { name, ...service }, { actor });
  await reg('bench-redirect.com', { forward: { url: 'https://example.org/landing', kind: 'temporary' } });
  await reg('bench-stealth.com', { forward: { url: 'https://example.org/framed', kind: 'cloak', title: 'Bench & co' } });
  await reg('bench-parked.com', { parking: { withAds: true } });
  const port = server.forwarding!.port;
  log(`database: ${services.store.kind}; ${SECONDS} s per case, 20 connections`);
  for (const [what, host, status] of [['302 redirect', 'bench-redirect.com', 302], ['stealth page', 'www.bench-stealth.com', 200], ['parking page', 'bench-parked.com', 200], ['unknown host (404)', 'nobody.example', 404]] as const) {
    const r = await autocannon({ url: `http://127.0.0.1:${port}/some/path?q=1`, headers: { host }, connections: 20, duration: SECONDS });
    const expected = r.statusCodeStats?.[String(status) as '200']?.count ?? 0;
    const wrong = r.requests.total - expected + r.errors + r.timeouts;
    log(`  ${what.padEnd(20)} ${Math.round(r.requests.average).toString().padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  other answers: ${wrong}`);
  }

  // A change through a flow, then the next request: served at once (the request waits for the announced poll).
  const get = () => new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: 'bench-redirect.com' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers.location)));
    });
    req.on('error', reject);
    req.end();
  });
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const url = `https://example.org/change-${i}`;
    const t = performance.now();
    await engine.run(modifyDomain, { name: 'bench-redirect.com', service: { forward: { url, kind: 'temporary' } } }, { actor });
    const location = await get();
    times.push(performance.now() - t);
    if (location !== url) throw new Error(`change ${i} not served: ${location}`);
  }
  times.sort((a, b) => a - b);
  log(`  change through a flow → next request served it: median ${times[25]!.toFixed(1)} ms (p90 ${times[45]!.toFixed(1)} ms) incl. the flow itself; 50 of 50 served the new target`);

  await engine.run(setEmailForward, { name: 'bench-parked.com', forward: { type: 'forward', aliases: [{ user: '*', to: 'owner@example.net' }] } }, { actor });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.mail!.smtp!.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
  const raw = 'From: a@example.net\r\nTo: info@bench-parked.com\r\nSubject: bench\r\n\r\n' + 'x'.repeat(2000) + '\r\n';
  const t = performance.now();
  await Promise.all(Array.from({ length: MAILS }, (_, i) => transport.sendMail({ envelope: { from: 'a@example.net', to: `user${i}@bench-parked.com` }, raw })));
  const s = (performance.now() - t) / 1000;
  transport.close();
  log(`  SMTP: ${MAILS} messages (2 kB) forwarded to the sink in ${s.toFixed(2)} s: ${Math.round(MAILS / s)} messages/s, 4 connections; sink got ${received}`);
} finally {
  await server.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
}
