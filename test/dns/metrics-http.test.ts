/**
 * The DNS counters on the HTTP server's /metrics: `regd serve` starts the
 * DNS server with the app's Prometheus registry, so queries by type,
 * responses by rcode, transfers and zone counts appear next to the HTTP
 * metrics, counted from real queries and a real AXFR.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { openServices } from '../../src/runtime/services.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { BACKENDS, openTestStore } from '../support/backends.ts';
import { TEST_TOKEN } from '../server/support.ts';
import { freePort } from './support/peers.ts';
import { dig, status } from './support/dig.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: DNS counters on GET /metrics`, { timeout: 120_000 }, () => {
    let server: RunningServer;
    let dataDir: string;
    let dnsPort: number;
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'regd-dns-metrics-'));
      dnsPort = await freePort();
      const config = loadConfig({
        argv: ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent', '--dns-host', '127.0.0.1', '--dns-port', String(dnsPort)],
        env: { REGD_OPERATOR_TOKEN: TEST_TOKEN },
      });
      const services = await openServices(config, { store: await openTestStore(backend) });
      server = await startServer(services, { operatorToken: TEST_TOKEN, startDns: true });
    });
    after(async () => {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('queries, rcodes, transfers and zones are counted and scraped over HTTP', async () => {
      assert.equal(status(await dig(dnsPort, 'com', 'SOA')), 'NOERROR');
      assert.equal(status(await dig(dnsPort, 'nothing-here.com', 'A')), 'NXDOMAIN');
      assert.equal(status(await dig(dnsPort, 'example.invalid', 'A')), 'REFUSED');
      const axfr = await dig(dnsPort, 'com', 'AXFR');
      assert.match(axfr, /\bSOA\b/);
      await fetch(`${server.url}/healthz`);
      const res = await fetch(`${server.url}/metrics`);
      assert.equal(res.status, 200);
      const text = await res.text();
      const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
      assert.ok(value(/^regd_dns_queries_total\{qtype="SOA"\} (\d+)$/m) >= 1, 'SOA queries');
      assert.ok(value(/^regd_dns_queries_total\{qtype="A"\} (\d+)$/m) >= 2, 'A queries');
      assert.ok(value(/^regd_dns_responses_total\{rcode="NOERROR"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_dns_responses_total\{rcode="NXDOMAIN"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_dns_responses_total\{rcode="REFUSED"\} (\d+)$/m) >= 1);
      assert.ok(value(/^regd_dns_transfers_total\{kind="axfr"\} (\d+)$/m) >= 1, 'AXFR counted');
      assert.match(text, /^regd_dns_notify_total\{event="sent"\} \d+$/m);
      assert.ok(value(/^regd_dns_zones (\d+)$/m) >= 2, 'zones served');
      assert.match(text, /^regd_http_requests_total\{/m, 'next to the HTTP metrics');
    });
  });
}
