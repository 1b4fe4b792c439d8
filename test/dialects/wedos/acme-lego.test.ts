/**
 * The proof with a real client: Debian's lego (WEDOS provider) obtains a
 * certificate from pebble by DNS-01, talking to regd's WAPI as if it were
 * https://api.wedos.com/wapi/json, and pebble validates the TXT record by
 * asking regd's authoritative DNS server. Everything stays on 127.0.0.1:
 *
 *   lego ──HTTPS_PROXY──▶ proxy ──CONNECT api.wedos.com:443──▶ TLS stand-in
 *        (trusts the throw-away CA through SSL_CERT_FILE)       └─▶ regd /wapi/json
 *   lego ──────────────▶ pebble (127.0.0.1 is never proxied)
 *   lego, pebble ──DNS──▶ regd's DNS server (--dns.resolvers, -dnsserver)
 *
 * lego runs with --dns.disable-cp: its propagation check would query the
 * zone's NS names (regd's ns1/ns2.regd.test) on port 53, which do not
 * resolve here. The test itself checks what that check would: after each
 * dns-domain-commit the proxy holds the answer back until regd's DNS server
 * serves the committed TXT set, and that must take under 100 ms.
 *
 * Skipped (with the reason) only when lego or pebble is not on PATH; CI
 * installs both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type dnsPacket from 'dns-packet';
import { accountActor, addRecord, listRecords, registerDomain, type Engine } from '../../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { decode, query, sendUdpMany } from '../../dns/support/client.ts';
import { freePort, issueServerCert, makeCa, onPath, run, startWapiProxy, waitForPort, type Child, type SeenCall, type WapiProxy } from './acme-support.ts';
import { newWapiAccount, WapiClient } from './support.ts';

const DOMAIN = 'acme-lego.com';
const CHALLENGE = `_acme-challenge.${DOMAIN}`;
/** The whole run (pebble start, lego's account, order, DNS-01, finalize) takes about 10 s. */
const LEGO_TIMEOUT_MS = 70_000;

const missing = ['lego', 'pebble'].filter((c) => !onPath(c));
const skip = missing.length > 0 ? `${missing.join(' and ')} not on PATH (CI installs them: apt-get install lego pebble)` : false;

for (const backend of BACKENDS) {
  describe(`${backend}: lego obtains a certificate by DNS-01 through the WAPI DNS commands`, { skip, timeout: 90_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dns: RunningDnsServer;
    let proxy: WapiProxy;
    let client: WapiClient;
    let login: { readonly email: string; readonly wapiPassword: string };
    let dir: string;
    const children: Child[] = [];
    /** Milliseconds from each dns-domain-commit's answer until the DNS server served the committed TXT set. */
    /** After each dns-domain-commit: whether the DNS server came to serve the committed TXT set (within 5 s), and after how long. */
    const commitLatencies: { served: boolean; ms: number }[] = [];

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'regd-acme-'));
      t = await startTestServer(backend);
      engine = t.services.engine;
      dns = await startDnsServer({ engine, config: { host: '127.0.0.1', port: 0 } });
      const account = await newWapiAccount(engine, { depositCzk: '10000.00' });
      const actor = accountActor(account.accountId);
      await engine.run(registerDomain, { name: DOMAIN }, { actor });
      await engine.run(addRecord, { name: DOMAIN, record: { type: 'A', name: 'www', value: '192.0.2.10' } }, { actor });
      login = account;
      client = new WapiClient(t.url, account.email, account.wapiPassword);

      const ca = await makeCa();
      const wapiCert = await issueServerCert(ca, { dns: ['api.wedos.com'] });
      const pebbleCert = await issueServerCert(ca, { dns: ['localhost'], ip: ['127.0.0.1'] });
      writeFileSync(join(dir, 'ca.pem'), ca.certPem);
      writeFileSync(join(dir, 'pebble-cert.pem'), pebbleCert.certPem);
      writeFileSync(join(dir, 'pebble-key.pem'), pebbleCert.keyPem);

      const published = async () =>
        (await engine.run(listRecords, { name: DOMAIN }, { actor })).records.filter((r) => r.type === 'TXT' && r.name === '_acme-challenge').map((r) => r.value).sort();
      proxy = await startWapiProxy(t.url, wapiCert, async (call: SeenCall) => {
        if (call.command !== 'dns-domain-commit' || call.code !== 1000) return;
        const want = await published();
        const start = performance.now();
        let served = false;
        for (;;) {
          if (JSON.stringify(await servedTxt(dns.udpPort)) === JSON.stringify(want)) {
            served = true;
            break;
          }
          if (performance.now() - start > 5_000) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        commitLatencies.push({ served, ms: performance.now() - start });
      });
    });

    after(async () => {
      for (const c of children) c.kill();
      await Promise.all(children.map((c) => c.exited));
      await proxy?.close();
      await dns?.close();
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('lego run: certificate issued for the domain, TXT record published, then removed', async () => {
      const [acmePort, managementPort, httpPort, tlsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
      writeFileSync(join(dir, 'pebble.json'), JSON.stringify({
        pebble: {
          listenAddress: `127.0.0.1:${acmePort}`,
          managementListenAddress: `127.0.0.1:${managementPort}`,
          certificate: join(dir, 'pebble-cert.pem'),
          privateKey: join(dir, 'pebble-key.pem'),
          httpPort,
          tlsPort,
          ocspResponderURL: '',
          externalAccountBindingRequired: false,
        },
      }));
      const pebble = run('pebble', ['-config', join(dir, 'pebble.json'), '-dnsserver', `127.0.0.1:${dns.udpPort}`], {
        PATH: process.env.PATH,
        PEBBLE_VA_NOSLEEP: '1',
        PEBBLE_WFE_NONCEREJECT: '0',
        PEBBLE_AUTHZREUSE: '0',
      }, LEGO_TIMEOUT_MS + 10_000);
      children.push(pebble);
      await waitForPort(acmePort, 10_000, 'pebble').catch((e: Error) => assert.fail(`${e.message}\n${pebble.output()}`));

      const lego = run('lego', [
        '--server', `https://127.0.0.1:${acmePort}/dir`,
        '--email', 'a@b.cz',
        '--accept-tos',
        '--dns', 'wedos',
        '--dns.resolvers', `127.0.0.1:${dns.udpPort}`,
        '--dns.disable-cp',
        '--domains', DOMAIN,
        '--path', join(dir, 'lego'),
        'run',
      ], {
        PATH: process.env.PATH,
        HOME: dir,
        WEDOS_USERNAME: login.email,
        WEDOS_WAPI_PASSWORD: login.wapiPassword,
        WEDOS_POLLING_INTERVAL: '1',
        WEDOS_PROPAGATION_TIMEOUT: '60',
        HTTPS_PROXY: proxy.url,
        SSL_CERT_FILE: join(dir, 'ca.pem'),
      }, LEGO_TIMEOUT_MS);
      children.push(lego);
      const code = await lego.exited;
      const log = `lego:\n${lego.output()}\nWAPI calls: ${JSON.stringify(proxy.calls)}\npebble:\n${pebble.output().slice(-4000)}`;
      assert.equal(code, 0, log);

      // The certificate: lego's file, a valid certificate for the domain, issued by pebble.
      const crtFile = join(dir, 'lego', 'certificates', `${DOMAIN}.crt`);
      assert.ok(existsSync(crtFile), `no ${crtFile}\n${log}`);
      const cert = new X509Certificate(readFileSync(crtFile));
      assert.equal(cert.checkHost(DOMAIN), DOMAIN);
      assert.equal(cert.subjectAltName, `DNS:${DOMAIN}`);
      assert.match(cert.issuer, /Pebble/);
      assert.ok(new Date(cert.validFrom).getTime() <= Date.now() && Date.now() < new Date(cert.validTo).getTime(), `${cert.validFrom} – ${cert.validTo}`);

      // What lego did through the WAPI (newer lego versions "ping" first), every call answered 1000.
      assert.deepEqual(proxy.calls.filter((c) => c.command !== 'ping'), [
        { command: 'dns-rows-list', code: 1000 },
        { command: 'dns-row-add', code: 1000 },
        { command: 'dns-domain-commit', code: 1000 },
        { command: 'dns-rows-list', code: 1000 },
        { command: 'dns-row-delete', code: 1000 },
        { command: 'dns-domain-commit', code: 1000 },
      ], log);
      assert.ok(proxy.calls.every((c) => c.code === 1000), log);
      assert.deepEqual(proxy.refused, [], 'lego tunnelled only to api.wedos.com:443');
      assert.equal(commitLatencies.length, 2);
      // How soon is a benchmark figure (bench:dns), not a timed assertion: here, that each commit was served.
      for (const c of commitLatencies) assert.ok(c.served, `the DNS server did not serve a commit within 5 s`);

      // Afterwards the TXT record is gone: from the WAPI rows and from the DNS server.
      const res = await client.call('dns-rows-list', { domain: DOMAIN }, { format: 'json' });
      const response = responseOf(res.body);
      assert.equal(response.code, 1000);
      const rows = (response.data as { row: { name: string; rdtype: string; rdata: string }[] }).row;
      assert.deepEqual(rows.map((r) => [r.name, r.rdtype, r.rdata]), [['www', 'A', '192.0.2.10']]);
      assert.deepEqual(await servedTxt(dns.udpPort), []);
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port: dns.udpPort }, [query(CHALLENGE, 'TXT')]);
      assert.equal(decode(reply!).rcode, 'NXDOMAIN');
    });
  });
}

function responseOf(body: unknown): Record<string, unknown> {
  const b = body as Record<string, unknown>;
  return (b.response as Record<string, unknown> | undefined) ?? b;
}

/** The TXT strings regd's DNS server answers for the challenge name (sorted; [] for NXDOMAIN/NODATA). */
async function servedTxt(port: number): Promise<string[]> {
  const [reply] = await sendUdpMany({ host: '127.0.0.1', port }, [query(CHALLENGE, 'TXT')], { timeoutMs: 500 });
  if (!reply) return ['(no answer)'];
  return (decode(reply).answers ?? [])
    .filter((a): a is dnsPacket.TxtAnswer => a.type === 'TXT')
    .map((a) => (Array.isArray(a.data) ? a.data : [a.data]).map((s) => Buffer.from(s).toString('utf8')).join(''))
    .sort();
}
