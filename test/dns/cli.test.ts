/**
 * `regd dns export` and `regd dns import` through the CLI's command
 * handlers (the path both the CLI and the operator API take): a hosted zone
 * round-trips through its master file, an import is published and answered
 * by the running DNS server, TLD zones export with their delegations, and
 * unknown zones and unreadable files are refused with their own codes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestEngine, type TestEngine } from '../support/backends.ts';
import { loadConfig } from '../../src/config/index.ts';
import { ClockSync } from '../../src/runtime/clock-sync.ts';
import type { Services } from '../../src/runtime/services.ts';
import { COMMANDS, CommandError, executeCommand } from '../../src/ops/index.ts';
import { readZoneFile } from '../../src/ops/dns.ts';
import { parseZoneFile } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { buildZoneFixture, HOSTED_RECORDS } from './support/zones.ts';
import { dig, section } from './support/dig.ts';
import { waitFor } from './support/client.ts';

let engine: TestEngine;
let services: Services;
let server: RunningDnsServer;
const dir = mkdtempSync(join(tmpdir(), 'regd-dns-cli-'));

before(async () => {
  engine = await openTestEngine('pglite');
  await buildZoneFixture(engine);
  const config = loadConfig({ env: {}, cwd: dir });
  services = { config, store: engine.store, policy: engine.policy, clockSync: new ClockSync(engine.store.db), engine, close: async () => {} };
  server = await startDnsServer({ engine, config: { ...config.dns.options, port: 0 } });
});
after(async () => {
  await server?.close();
  await engine?.store.close();
});

const cli = (name: string, options: Record<string, unknown>) => executeCommand(COMMANDS, services, name, options);

test('export of a hosted zone: SOA and NS as served, then every record, parseable back', async () => {
  const { text } = (await cli('dns export', { zone: 'Example.COM' })) as { text: string };
  assert.match(text, /^\$ORIGIN example\.com\.\n\$TTL 3600\n@\t3600\tIN\tSOA\tns1\.regd\.test\. hostmaster\.regd\.test\. 2026011501 3600 600 1209600 300\n@\t3600\tIN\tNS\tns1\.regd\.test\.\n@\t3600\tIN\tNS\tns2\.regd\.test\.\n/);
  const parsed = parseZoneFile(text, { apex: 'example.com' });
  assert.equal(parsed.records.length, HOSTED_RECORDS.length);
  assert.deepEqual(parsed.skipped.map((s) => s.type), ['SOA', 'NS', 'NS']);
});

test('export of the .com zone: delegations and glue', async () => {
  const { text } = (await cli('dns export', { zone: 'com' })) as { text: string };
  assert.match(text, /^custom\.com\.\t3600\tIN\tNS\tns1\.custom\.com\.$/m);
  assert.match(text, /^ns1\.custom\.com\.\t3600\tIN\tA\t198\.51\.100\.53$/m);
  assert.match(text, /^example\.com\.\t3600\tIN\tNS\tns1\.regd\.test\.$/m);
});

test('import replaces the records and the server answers the new zone', async () => {
  const file = join(dir, 'example.com.zone');
  writeFileSync(file, '$ORIGIN example.com.\n$TTL 600\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ NS ns1.regd.test.\nwww IN A 203.0.113.80\nimported 300 IN TXT "from a file" "two strings"\n');
  const result = (await cli('dns import', { zone: 'example.com', text: readZoneFile(file) })) as { records: unknown[]; skipped: unknown[] };
  assert.equal(result.records.length, 2);
  assert.equal(result.skipped.length, 2);
  await waitFor('the imported zone', async () => section(await dig(server.udpPort, 'imported.example.com', 'TXT'), 'ANSWER').length === 1, 5000);
  // A query that saw the change may have met one copy of the index: wait until every answering process holds it.
  await server.answerers?.settled();
  assert.deepEqual(section(await dig(server.udpPort, 'imported.example.com', 'TXT'), 'ANSWER'), ['imported.example.com. 300 IN TXT "from a filetwo strings"']);
  assert.deepEqual(section(await dig(server.udpPort, 'www.example.com', 'A'), 'ANSWER'), ['www.example.com. 600 IN A 203.0.113.80']);
  assert.deepEqual(section(await dig(server.udpPort, 'blog.example.com', 'A'), 'ANSWER'), [], 'the old records are gone');
});

test('refusals: a zone regd does not serve, a file that cannot be read', async () => {
  await assert.rejects(cli('dns export', { zone: 'example.invalid' }), (e: unknown) => e instanceof CommandError && e.code === 'ZONE_NOT_SERVED');
  assert.throws(() => readZoneFile(join(dir, 'missing.zone')), (e: unknown) => e instanceof CommandError && e.code === 'FILE_UNREADABLE');
});
