/**
 * The caps on a hosted zone (dns.maxRecordsPerZone, dns.maxZoneBytes): a
 * write that would take a zone past one is refused in the same transaction
 * (typed DnsZoneLimitExceeded, nothing changed), in each dialect's own
 * error format, whole responses compared; a change that shrinks a zone
 * already past a cap goes through. The totals the check reads are kept by
 * triggers (migration 0023) and stay equal to the zone's rows.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { BACKENDS } from '../support/backends.ts';
import { addRecord, deleteRecord, DnsZoneLimitExceeded, registerDomain, replaceZone, setDefaultSetting, updateRecord } from '../../src/core/index.ts';
import type { Engine } from '../../src/core/engine.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { assertFailsAndChangesNothing, snapshotTables } from '../support/snapshot.ts';
import { startTestServer, type TestServer } from '../server/support.ts';
import { KifdomClient } from '../dialects/kifdom/support.ts';
import { assertResponse, expected, newWapiAccount, WapiClient } from '../dialects/wedos/support.ts';
import { api3 } from '../dialects/dynadot/support.ts';

const MAX_RECORDS = 3;
const MAX_BYTES = 40;
const CONFIG = `dns:\n  maxRecordsPerZone: ${MAX_RECORDS}\n  maxZoneBytes: ${MAX_BYTES}\n`;

for (const backend of BACKENDS) {
  describe(`${backend}: caps on a hosted zone's records and size`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dir: string;
    let user: TestAccount;
    const db = () => t.services.store.db;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'regd-zone-caps-'));
      writeFileSync(join(dir, 'regd.yaml'), CONFIG);
      t = await startTestServer(backend, { argv: ['--config', join(dir, 'regd.yaml')] });
      engine = t.services.engine;
      user = await newAccount(engine, { depositEur: '200.00' });
    });
    after(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A domain of `account` on regd's DNS holding MAX_RECORDS A records (the cap). */
    async function fullZone(name: string, account: { actor: TestAccount['actor'] } = user): Promise<number[]> {
      await engine.run(registerDomain, { name }, { actor: account.actor });
      const ids: number[] = [];
      for (let i = 0; i < MAX_RECORDS; i++) {
        ids.push((await engine.run(addRecord, { name, record: { type: 'A', name: `h${i}`, value: `192.0.2.${i + 1}` } }, { actor: account.actor })).record.id);
      }
      return ids;
    }

    const totals = async (name: string) => (await sql<{ record_count: number; rdata_bytes: number; rows: number; bytes: number }>`
      select z.record_count, z.rdata_bytes, (select count(*)::int from dns_records r where r.domain_id = z.domain_id) as rows,
        (select coalesce(sum(octet_length(r.data)), 0)::int from dns_records r where r.domain_id = z.domain_id) as bytes
      from dns_zones z join domains d on d.id = z.domain_id where d.name = ${name}`.execute(db())).rows[0]!;

    test('engine: past the record cap or the byte cap is refused and changes nothing; shrinking is allowed; the totals follow the rows', async () => {
      const ids = await fullZone('caps-core.com');
      const err = await assertFailsAndChangesNothing(db(), () =>
        engine.run(addRecord, { name: 'caps-core.com', record: { type: 'A', name: 'one-more', value: '192.0.2.9' } }, { actor: user.actor }), DnsZoneLimitExceeded);
      assert.equal(err.message, `Zone caps-core.com would hold ${MAX_RECORDS + 1} records; at most ${MAX_RECORDS} are allowed.`);
      // 3 × 9 bytes: an update to a 20-byte value would make 38 (allowed), a 30-byte one 48 (refused), staged or not.
      await engine.run(updateRecord, { name: 'caps-core.com', recordId: ids[0]!, record: { type: 'TXT', name: 'h0', value: 'x'.repeat(20) } }, { actor: user.actor });
      for (const staged of [false, true]) {
        const big = await assertFailsAndChangesNothing(db(), () =>
          engine.run(updateRecord, { name: 'caps-core.com', recordId: ids[1]!, staged, record: { type: 'TXT', name: 'h1', value: 'y'.repeat(30) } }, { actor: user.actor }), DnsZoneLimitExceeded);
        assert.equal(big.message, `Zone caps-core.com would hold ${20 + 30 + 9} bytes of record data; at most ${MAX_BYTES} are allowed.`);
      }
      await assertFailsAndChangesNothing(db(), () =>
        engine.run(replaceZone, { name: 'caps-core.com', records: [1, 2, 3, 4].map((i) => ({ type: 'A' as const, name: `r${i}`, value: '192.0.2.1' })) }, { actor: user.actor }), DnsZoneLimitExceeded);
      assert.deepEqual(await totals('caps-core.com'), { record_count: 3, rdata_bytes: 38, rows: 3, bytes: 38 });
      // A zone past a lowered cap may shrink: the rows written by hand (as a cap lowered later would leave them), then a delete.
      await sql`insert into dns_records (domain_id, name, type, ttl, data, state, created_at, updated_at)
        select domain_id, 'extra', 'A', 300, '192.0.2.99', 'live', now(), now() from dns_zones z join domains d on d.id = z.domain_id where d.name = 'caps-core.com'`.execute(db());
      assert.deepEqual(await totals('caps-core.com'), { record_count: 4, rdata_bytes: 48, rows: 4, bytes: 48 });
      await engine.run(deleteRecord, { name: 'caps-core.com', recordId: ids[2]! }, { actor: user.actor });
      assert.deepEqual(await totals('caps-core.com'), { record_count: 3, rdata_bytes: 39, rows: 3, bytes: 39 }, 'h2 (9 bytes) gone, extra (10) kept');
    });

    test('KifDom POST /dns-zones: 400 with the cap in the message, nothing changed', async () => {
      await fullZone('caps-kifdom.fr');
      const api = new KifdomClient(t.url);
      const token = await api.login(user.email, user.password);
      const before = await snapshotTables(db());
      const res = await api.call('POST', '/dns-zones', { token, json: { domain_name: 'caps-kifdom.fr', type: 'A', name: 'www', value: '192.0.2.10', ttl: 3600 } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, {
        meta: { 'on-hold': 0, 'total-domains': 2, 'credits-balance': (res.body as { meta: { 'credits-balance': number } }).meta['credits-balance'], error: true },
        error: { code: 400, message: `Zone caps-kifdom.fr would hold ${MAX_RECORDS + 1} records; at most ${MAX_RECORDS} are allowed.` },
      });
      assert.deepEqual(await snapshotTables(db()), before);
    });

    test('WAPI dns-row-add: code 2318 in the WAPI envelope, nothing changed', async () => {
      const acc = await newWapiAccount(engine, { depositCzk: '10000.00' });
      await fullZone('caps-wapi.cz', { actor: { kind: 'account', accountId: acc.accountId } });
      const wapi = new WapiClient(t.url, acc.email, acc.wapiPassword);
      const before = await snapshotTables(db());
      const reply = await wapi.call('dns-row-add', { domain: 'caps-wapi.cz', name: 'www', ttl: 300, type: 'A', rdata: '192.0.2.10' });
      assertResponse(reply, expected('dns-row-add', 2318, 'DNS domain size limit exceeded'));
      assert.deepEqual(await snapshotTables(db()), before);
    });

    test('Freenom domain/register with account default DNS records past the cap: the error envelope, nothing changed', async () => {
      const fn = await newAccount(engine, { depositEur: '100.00' });
      const records = [1, 2, 3, 4].map((i) => ({ type: 'A' as const, name: `d${i}`, value: `192.0.2.${i}` }));
      await engine.run(setDefaultSetting, { key: 'dns', value: { ttl: 600, records } }, { actor: fn.actor });
      const before = await snapshotTables(db());
      const res = await fetch(`${t.url}/v2/domain/register`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: fn.email, password: fn.password, domainname: 'caps-freenom.tk', domaintype: 'FREE' }).toString(),
      });
      assert.equal(res.status, 200);
      assert.equal(await res.text(), JSON.stringify({
        // Freenom's messages end without a full stop.
        status: 'error', error: `The account default DNS records cannot be applied: Zone caps-freenom.tk would hold 4 records; at most ${MAX_RECORDS} are allowed`,
      }));
      assert.deepEqual(await snapshotTables(db()), before);
    });

    test('Dynadot set_dns2: ResponseCode -1 with the error, nothing changed', async () => {
      const dyn = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'caps-dynadot.com' }, { actor: dyn.actor });
      const before = await snapshotTables(db());
      const records = Object.fromEntries([0, 1, 2, 3].flatMap((i) => [[`sub_record_type${i}`, 'a'], [`subdomain${i}`, `s${i}`], [`sub_record${i}`, `192.0.2.${i + 1}`]]));
      const reply = await api3(t.url, 'json', { key: dyn.apiKey, command: 'set_dns2', domain: 'caps-dynadot.com', main_record_type0: 'a', main_record0: '192.0.2.1', ...records });
      assert.equal(reply.status, 200);
      assert.deepEqual(JSON.parse(reply.text), {
        SetDnsResponse: { ResponseCode: -1, Status: 'error', Error: `too many dns records: Zone caps-dynadot.com would hold 5 records; at most ${MAX_RECORDS} are allowed.` },
      });
      assert.deepEqual(await snapshotTables(db()), before);
    });
  });
}
