/**
 * The URL forwarding / stealth / parking HTTP service on real sockets: a
 * regd server started as `serve` starts it (startForwarding), the settings
 * made through the Freenom and Dynadot APIs, the domain's address taken from
 * regd's own DNS answer (dig), and an unmodified `curl -L` following a
 * Freenom forward to a small local HTTP server. Whole responses compared.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { modifyDomain, registerDomain } from '../../src/core/index.ts';
import { createEngine } from '../../src/core/engine.ts';
import { openStore } from '../../src/store/index.ts';
import { sql } from 'kysely';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { startForwardingServer } from '../../src/services/forwarding/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { startTestServer, waitFor, type TestServer } from '../server/support.ts';
import { call as freenom, creds } from '../dialects/freenom/support.ts';
import { client, type Client } from '../dialects/dynadot/support.ts';
import { dig, section } from '../dns/support/dig.ts';

interface Got {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request to the forwarding service with this Host header. */
function get(port: number, host: string, path = '/', method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function curl(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

const page = (title: string, body: string) => `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
${body}
</html>
`;

for (const backend of BACKENDS) {
  describe(`${backend}: URL forwarding, stealth and parking over HTTP`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let dns: RunningDnsServer;
    let target: Server;
    let targetUrl: string;
    let port: number;
    let a: TestAccount;
    let dynadot: Client;

    before(async () => {
      // The site a domain forwards to: it answers with what it was asked.
      target = createServer((req, res) => res.end(`target ${req.method} ${req.url}`));
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
      t = await startTestServer(backend, { argv: ['--forwarding-port', '0'], start: { startForwarding: true } });
      port = t.server.forwarding!.port;
      dns = await startDnsServer({ engine: t.services.engine, config: { ...t.services.config.dns.options, port: 0, pollIntervalMs: 20 } });
      a = await newAccount(t.services.engine, { depositEur: '100.00', deposits: { USD: '100.00' } });
      dynadot = client(t.url, a.apiKey);
    });
    after(async () => {
      await dns?.close();
      await t?.close();
      await new Promise((resolve) => target?.close(resolve));
    });

    test('an unmodified curl -L follows a Freenom forward (301), reaching the forwarding service at the address of regd\'s own DNS answer', async () => {
      const r = await freenom(`${t.url}/v2`, '/domain/register', {
        ...creds(a), domainname: 'forward-one.tk', domaintype: 'FREE', forward_url: `${targetUrl}/landing`, forward_mode: '301_redirect',
      }, { method: 'POST' });
      assert.equal(r.body.result, 'DOMAIN REGISTERED', r.text);
      await dns.refresh();
      assert.deepEqual(section(await dig(dns.udpPort, 'forward-one.tk', 'A'), 'ANSWER'), ['forward-one.tk. 3600 IN A 127.0.0.1']);
      assert.deepEqual(section(await dig(dns.udpPort, 'www.forward-one.tk', 'A'), 'ANSWER'), ['www.forward-one.tk. 3600 IN A 127.0.0.1']);
      const address = section(await dig(dns.udpPort, 'forward-one.tk', 'A'), 'ANSWER')[0]!.split(' ').at(-1)!;
      const out = await curl(['-L', '--resolve', `forward-one.tk:${port}:${address}`, '--resolve', `www.forward-one.tk:${port}:${address}`,
        '-w', '\n%{http_code} %{num_redirects} %{url_effective}', `http://forward-one.tk:${port}/a/b?x=1&y=2`]);
      assert.equal(out, `target GET /landing/a/b?x=1&y=2\n200 1 ${targetUrl}/landing/a/b?x=1&y=2`);
      // The root goes to the target as configured; www. too.
      const root = await curl(['-L', '--resolve', `www.forward-one.tk:${port}:${address}`, '-w', '\n%{http_code} %{num_redirects}', `http://www.forward-one.tk:${port}/`]);
      assert.equal(root, 'target GET /landing\n200 1');
      const head = await get(port, 'forward-one.tk', '/x');
      assert.deepEqual([head.status, head.headers.location, head.headers['content-type'], head.body], [
        301, `${targetUrl}/landing/x`, 'text/html; charset=utf-8',
        page('Moved', `<body>\n<p>This domain is forwarded to <a href="${targetUrl}/landing/x">${targetUrl}/landing/x</a>.</p>\n</body>`),
      ]);
    });

    test('Dynadot set_forwarding: is_temp=yes answers 302, is_temp=no 301; each change takes effect at once', async () => {
      await t.services.engine.run(registerDomain, { name: 'forward-two.com' }, { actor: a.actor });
      const none = await get(port, 'forward-two.com');
      assert.equal(none.status, 404, 'a domain on regd\'s DNS is not forwarded');
      for (const [isTemp, status, path] of [['yes', 302, '/t'], ['no', 301, '/p'], ['yes', 302, '/']] as const) {
        const set = await dynadot.obj('set_forwarding', { domain: 'forward-two.com', forward_url: `${targetUrl}/to?from=regd`, is_temp: isTemp });
        assert.equal((set.SetForwardingResponse as { Status: string }).Status, 'success', JSON.stringify(set));
        const r = await get(port, 'www.forward-two.com', `${path}?q=%C3%A9`);
        const location = `${targetUrl}/to${path === '/' ? '' : path}?from=regd&q=%C3%A9`;
        assert.deepEqual([r.status, r.headers.location], [status, location]);
      }
    });

    test('stealth: a frame page with the configured title, HTML-escaped; through Dynadot and then Freenom (cloak)', async () => {
      await t.services.engine.run(registerDomain, { name: 'stealth-one.com' }, { actor: a.actor });
      const set = await dynadot.obj('set_stealth', { domain: 'stealth-one.com', stealth_url: `${targetUrl}/framed`, stealth_title: '<Tom & "Jerry\'s"> page' });
      assert.equal((set.SetStealthResponse as { Status: string }).Status, 'success', JSON.stringify(set));
      const r = await get(port, 'stealth-one.com', '/in?a=<b>');
      assert.equal(r.status, 200);
      assert.equal(r.headers.location, undefined);
      const src = `${targetUrl}/framed/in?a=%3Cb%3E`;
      assert.equal(r.body, `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>&lt;Tom &amp; &quot;Jerry&#39;s&quot;&gt; page</title>
</head>
<frameset rows="100%,*" border="0" frameborder="0" framespacing="0">
<frame src="${src}" name="regd-stealth" noresize>
<noframes><body><p><a href="${src}">${src}</a></p></body></noframes>
</frameset>
</html>
`);
      // Freenom: register with cloak (its default mode), then modify the URL: the next request frames the new one.
      const reg = await freenom(`${t.url}/v2`, '/domain/register', { ...creds(a), domainname: 'cloak-one.tk', domaintype: 'FREE', forward_url: `${targetUrl}/one` }, { method: 'POST' });
      assert.equal(reg.body.result, 'DOMAIN REGISTERED', reg.text);
      assert.match((await get(port, 'cloak-one.tk')).body, new RegExp(`<frame src="${targetUrl}/one" `));
      const mod = await freenom(`${t.url}/v2`, '/domain/modify', { ...creds(a), domainname: 'cloak-one.tk', forward_url: `${targetUrl}/two` }, { method: 'PUT' });
      assert.equal(mod.body.status, 'OK', mod.text);
      const after = await get(port, 'www.cloak-one.tk');
      assert.equal(after.status, 200);
      assert.match(after.body, new RegExp(`<frame src="${targetUrl}/two" `));
      assert.match(after.body, /<title><\/title>/, 'Freenom sets no title');
    });

    test('parking (Dynadot set_parking): the domain name, the ad placeholder with ads; unknown hosts and other methods', async () => {
      await t.services.engine.run(registerDomain, { name: 'parked-one.com' }, { actor: a.actor });
      const park = async (withAds: string) => {
        const set = await dynadot.obj('set_parking', { domain: 'parked-one.com', with_ads: withAds });
        assert.equal((set.SetParkingResponse as { Status: string }).Status, 'success', JSON.stringify(set));
      };
      await park('no');
      const plain = await get(port, 'PARKED-ONE.COM.:80');
      assert.deepEqual([plain.status, plain.body], [200, page('parked-one.com', '<body>\n<h1>parked-one.com</h1>\n<p>This domain is parked.</p>\n</body>')]);
      await park('yes');
      const ads = await get(port, 'www.parked-one.com');
      assert.deepEqual([ads.status, ads.body], [200, page('parked-one.com', `<body>
<h1>parked-one.com</h1>
<p>This domain is parked.</p>
<div class="ads" id="regd-ads" role="complementary" aria-label="Advertisements">
<p>Advertisement placeholder: regd serves no ads and calls no ad network.</p>
</div>
</body>`)]);
      const head = await get(port, 'parked-one.com', '/', 'HEAD');
      assert.deepEqual([head.status, head.body, head.headers['content-length']], [200, '', String(Buffer.byteLength(ads.body))]);
      const post = await get(port, 'parked-one.com', '/', 'POST');
      assert.deepEqual([post.status, post.headers.allow], [405, 'GET, HEAD']);
      const unknown = await get(port, 'nobody-<here>.example');
      assert.deepEqual([unknown.status, unknown.body], [404, page('Not found', '<body>\n<h1>Not found</h1>\n<p>No site is served for nobody-&lt;here&gt;.example.</p>\n</body>')]);
      const sub = await get(port, 'shop.parked-one.com');
      assert.equal(sub.status, 404, 'only the domain and www.');
      // Back to DNS records (Dynadot set_dns2): 404 at once.
      const dns2 = await dynadot.obj('set_dns2', { domain: 'parked-one.com', main_record_type0: 'a', main_record0: '192.0.2.1' });
      assert.equal((dns2.SetDnsResponse as { Status: string }).Status, 'success', JSON.stringify(dns2));
      assert.equal((await get(port, 'parked-one.com')).status, 404);
    });

    test('odd requests: HTTP/1.0 without Host, an IPv6 literal, an overlong name, an absolute-form target', async () => {
      const raw = (text: string) => new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(text));
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      const statusLine = (text: string) => text.split('\r\n')[0];
      const noHost = await raw('GET / HTTP/1.0\r\n\r\n');
      assert.equal(statusLine(noHost), 'HTTP/1.1 404 Not Found', 'node answers HTTP/1.1');
      assert.match(noHost, /<p>No host was named\.<\/p>/);
      assert.equal(statusLine(await raw('GET / HTTP/1.1\r\nHost: [::1]:8088\r\nConnection: close\r\n\r\n')), 'HTTP/1.1 404 Not Found');
      const long = await raw(`GET / HTTP/1.1\r\nHost: ${'a'.repeat(300)}.tk\r\nConnection: close\r\n\r\n`);
      assert.equal(statusLine(long), 'HTTP/1.1 404 Not Found');
      const absolute = await raw('GET http://forward-one.tk/abs?q=1 HTTP/1.1\r\nHost: forward-one.tk\r\nConnection: close\r\n\r\n');
      assert.equal(statusLine(absolute), 'HTTP/1.1 301 Moved Permanently');
      assert.match(absolute, new RegExp(`\r\nlocation: ${targetUrl}/landing/abs\\?q=1\r\n`, 'i'));
    });

    test('HTTPS with a configured certificate and key: curl -L follows the forward', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'regd-fwd-tls-'));
      const certFile = join(dir, 'cert.pem');
      const keyFile = join(dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=forward-one.tk', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
      const tls = await startForwardingServer({ engine: t.services.engine, options: { host: '127.0.0.1', port: 0, maxConnections: 10, tls: { certFile, keyFile } } });
      try {
        assert.equal(tls.scheme, 'https');
        const out = await curl(['-L', '-k', '--resolve', `forward-one.tk:${tls.port}:127.0.0.1`, '-w', '\n%{http_code} %{num_redirects}', `https://forward-one.tk:${tls.port}/secure`]);
        assert.equal(out, 'target GET /landing/secure\n200 1');
      } finally {
        await tls.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('/metrics counts requests by kind and status', async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const lines = text.split('\n').filter((l) => l.startsWith('regd_forwarding_requests_total{'));
      assert.deepEqual(lines.sort(), [
        'regd_forwarding_requests_total{kind="parking",status="200"} 3',
        'regd_forwarding_requests_total{kind="parking",status="405"} 1',
        'regd_forwarding_requests_total{kind="redirect",status="301"} 5',
        'regd_forwarding_requests_total{kind="redirect",status="302"} 2',
        'regd_forwarding_requests_total{kind="stealth",status="200"} 3',
        'regd_forwarding_requests_total{kind="unknown",status="404"} 7',
      ]);
    });

    test('200 random Host headers and request lines: every answer is a 404 or a 400 from the HTTP parser, and the service still forwards', async () => {
      let seed = 20;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
      const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + (next() % 94))).join('');
      const statuses = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const text = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(`GET /${junk(next() % 50)} HTTP/1.1\r\nHost: ${junk(1 + (next() % 300))}\r\nConnection: close\r\n\r\n`));
          let out = '';
          socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
          socket.on('error', () => resolve(out));
          socket.on('close', () => resolve(out));
        });
        statuses.add(text.split(' ')[1] ?? '');
      }
      assert.ok([...statuses].every((s) => s === '404' || s === '400'), [...statuses].join(','));
      assert.equal((await get(port, 'forward-one.tk')).status, 301);
    });

    if (backend === 'postgres') {
      test('a change written by another process on the same database is served once the change log is read (every second)', async () => {
        await t.services.engine.run(registerDomain, { name: 'other-process.com', forward: { url: `${targetUrl}/before`, kind: 'temporary' } }, { actor: a.actor });
        assert.equal((await get(port, 'other-process.com')).headers.location, `${targetUrl}/before`);
        // A second store and engine on the same schema: its commits are not announced to this server.
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.services.store.db);
        const store = await openStore({ databaseUrl: process.env.DATABASE_URL!, schema: rows[0]!.schema, poolSize: 2, migrate: false });
        try {
          const other = createEngine({ store, clock: t.services.engine.clock, policy: t.services.engine.policy });
          await other.run(modifyDomain, { name: 'other-process.com', service: { forward: { url: `${targetUrl}/after`, kind: 'permanent' } } }, { actor: a.actor });
          await waitFor(async () => (await get(port, 'other-process.com')).status === 301, 'the other process\'s change');
          const r = await get(port, 'www.other-process.com');
          assert.deepEqual([r.status, r.headers.location], [301, `${targetUrl}/after`]);
        } finally {
          await store.close();
        }
      });
    }
  });
}

describe('the off switches: forwarding.enabled and mail.enabled false', () => {
  test('serve starts neither listener (and no outbox delivery without a smarthost)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-fwd-off-'));
    writeFileSync(join(dir, 'regd.yaml'), 'forwarding:\n  enabled: false\nmail:\n  enabled: false\n');
    const t = await startTestServer(BACKENDS[0] ?? 'pglite', { argv: ['--config', join(dir, 'regd.yaml')], start: { startForwarding: true, startMail: true } });
    try {
      assert.deepEqual([t.server.forwarding, t.server.mail], [undefined, undefined]);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      assert.doesNotMatch(metrics, /regd_forwarding_|regd_smtp_/);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
