import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { bindCanonicalZone, requireNamedCheckzone } from '../../../../test/support/named-checkzone.ts';
import {
  CnameConflict, DnsNotHosted, DnsRecordExists, DomainNotFound, InvalidHostName, InvalidRecordValue, InvalidValue, ZoneFileInvalid,
} from '../../errors/index.ts';
import type { DnsRecordInput } from '../../dns/record-types.ts';
import { OPERATOR } from '../../context.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { addRecord } from './add-record.ts';
import { listRecords } from './list-records.ts';
import { replaceZone } from './replace-zone.ts';
import { importZone, MAX_ZONE_FILE_LENGTH, type ImportZoneInput } from './import-zone.ts';
import { exportZone, type SoaSettings } from './export-zone.ts';
import type { DnsRecordView } from './record-rows.ts';

const START = '2026-01-15T10:00:00Z';
const SOA: SoaSettings = { mname: 'ns1.regd.test', rname: 'hostmaster.regd.test', refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 };
const NAME_SERVERS = ['ns1.regd.test', 'ns2.regd.test'];
const NO_FIELDS = { priority: null, weight: null, port: null, flags: null, tag: null } as const;
const withoutIds = (records: readonly DnsRecordView[]) => records.map(({ id: _id, ...r }) => r);

/** Every hosted type, with in-zone targets that have addresses (BIND checks them). */
const EVERY_TYPE: readonly DnsRecordInput[] = [
  { type: 'A', name: '@', value: '192.0.2.1', ttl: 300 },
  { type: 'A', name: 'mail', value: '192.0.2.25' },
  { type: 'AAAA', name: 'mail', value: '2001:db8::25' },
  { type: 'A', name: '*.dev', value: '192.0.2.3' },
  { type: 'CNAME', name: 'www', value: 'mail.zone-roundtrip.com' },
  { type: 'MX', name: '@', value: 'mail.zone-roundtrip.com', priority: 10 },
  { type: 'TXT', name: '@', value: 'v=spf1 mx -all' },
  { type: 'TXT', name: '_acme-challenge', value: 'quote " backslash \\ ; é ' + 'k'.repeat(400) },
  { type: 'SRV', name: '_imaps._tcp', value: 'mail.zone-roundtrip.com', priority: 0, weight: 1, port: 993 },
  { type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue' },
  { type: 'NS', name: 'lab', value: 'ns1.example.net' },
];

for (const backend of BACKENDS) {
  describe(`${backend}: replace, append, import and export a zone`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());
    beforeEach(() => engine.clock.set(START));

    const hosted = async (name: string, nameServers?: string[]) => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name, ...(nameServers ? { nameServers } : {}) }, { actor: a.actor });
      return a;
    };
    const replace = (a: TestAccount, name: string, records: readonly DnsRecordInput[], append = false) =>
      engine.run(replaceZone, { name, records, append }, { actor: a.actor });
    const list = (a: TestAccount, name: string, includeStaged = false) => engine.run(listRecords, { name, includeStaged }, { actor: a.actor });
    const doImport = (a: TestAccount, input: ImportZoneInput) => engine.run(importZone, input, { actor: a.actor });
    const doExport = (a: TestAccount, name: string) => engine.run(exportZone, { name, soa: SOA, nameServers: NAME_SERVERS }, { actor: a.actor });

    test('success: replace sets exactly the given records at once and drops pending changes', async () => {
      const name = 'zone-replace.com';
      const a = await hosted(name);
      await engine.run(addRecord, { name, record: { type: 'A', name: 'old', value: '192.0.2.1' } }, { actor: a.actor });
      await engine.run(addRecord, { name, record: { type: 'A', name: 'draft', value: '192.0.2.2' }, staged: true }, { actor: a.actor });
      const r = await replace(a, name, [
        { type: 'A', name: '@', value: '192.0.2.10' },
        { type: 'MX', name: '@', value: 'mx.example.net', priority: 5, ttl: 600 },
      ]);
      assert.deepEqual({ ...r, records: withoutIds(r.records) }, {
        domain: name, serial: 2026011502, autoCommitAt: null,
        records: [
          { ...NO_FIELDS, name: '@', type: 'A', ttl: 3600, value: '192.0.2.10', state: 'live' },
          { ...NO_FIELDS, name: '@', type: 'MX', ttl: 600, value: 'mx.example.net', priority: 5, state: 'live' },
        ],
      });
      assert.deepEqual(await list(a, name, true), r);
      const cleared = await replace(a, name, []);
      assert.deepEqual(cleared, { domain: name, serial: 2026011503, autoCommitAt: null, records: [] });
    });

    test('success: append adds to the published records and keeps pending changes pending', async () => {
      const name = 'zone-append.com';
      const a = await hosted(name);
      const existing = (await engine.run(addRecord, { name, record: { type: 'A', name: '@', value: '192.0.2.1' } }, { actor: a.actor })).record;
      const draft = await engine.run(addRecord, { name, record: { type: 'TXT', name: '@', value: 'draft' }, staged: true }, { actor: a.actor });
      const r = await replace(a, name, [{ type: 'A', name: '@', value: '192.0.2.2' }, { type: 'A', name: 'www', value: '192.0.2.3' }], true);
      assert.deepEqual({ ...r, records: withoutIds(r.records) }, {
        domain: name, serial: 2026011502, autoCommitAt: draft.autoCommitAt,
        records: [
          { ...NO_FIELDS, name: '@', type: 'A', ttl: 3600, value: '192.0.2.1', state: 'live' },
          { ...NO_FIELDS, name: '@', type: 'A', ttl: 3600, value: '192.0.2.2', state: 'live' },
          { ...NO_FIELDS, name: 'www', type: 'A', ttl: 3600, value: '192.0.2.3', state: 'live' },
        ],
      });
      assert.deepEqual(r.records[0], existing, 'existing records keep their ids');
      assert.deepEqual((await list(a, name, true)).records, [existing, draft.record, ...r.records.slice(1)]);
      assert.deepEqual(await replace(a, name, [], true), r, 'appending nothing changes nothing');
    });

    test('failure: one bad record, a conflict or a duplicate in the batch changes nothing', async () => {
      const name = 'zone-atomic.com';
      const a = await hosted(name);
      await replace(a, name, [{ type: 'A', name: '@', value: '192.0.2.1' }, { type: 'CNAME', name: 'www', value: 'host.example.net' }]);
      const good: DnsRecordInput[] = [{ type: 'A', name: 'one', value: '192.0.2.5' }, { type: 'TXT', name: 'two', value: 'ok' }];
      const cases: [readonly DnsRecordInput[], boolean, abstract new (...x: never[]) => Error][] = [
        [[...good, { type: 'A', name: 'three', value: '192.0.2.999' }], false, InvalidRecordValue],
        [[...good, { type: 'A', name: 'three', value: '192.0.2.999' }], true, InvalidRecordValue],
        [[...good, { type: 'CNAME', name: 'one', value: 'x.example.net' }], false, CnameConflict],
        [[...good, { type: 'A', name: 'www', value: '192.0.2.9' }], true, CnameConflict],
        [[...good, { type: 'TXT', name: 'two', value: 'ok', ttl: 60 }], false, DnsRecordExists],
        [[{ type: 'A', name: '@', value: '192.0.2.1' }], true, DnsRecordExists],
        ['not a list' as unknown as DnsRecordInput[], false, InvalidValue],
      ];
      for (const [records, append, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => replace(a, name, records, append), cls);
      }
      const e = await assertFailsAndChangesNothing(engine.store.db, () => replace(a, name, [...good, { type: 'MX', name: '@', value: 'mx.example.net' }]), InvalidRecordValue);
      assert.equal((e as InvalidRecordValue).param, 'records[2].priority');
    });

    test("failure: another account's domain, and a domain on external name servers", async () => {
      const owner = await hosted('zone-owner.com');
      const other = await hosted('zone-outsider.com');
      await assertFailsAndChangesNothing(engine.store.db, () => replace(other, 'zone-owner.com', []), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => doImport(other, { name: 'zone-owner.com', text: 'a A 192.0.2.1' }), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => doExport(other, 'zone-owner.com'), DomainNotFound);
      const external = await hosted('zone-external.com', ['ns1.example.net', 'ns2.example.net']);
      await assertFailsAndChangesNothing(engine.store.db, () => replace(external, 'zone-external.com', [{ type: 'A', name: '@', value: '192.0.2.1' }]), DnsNotHosted);
      await assertFailsAndChangesNothing(engine.store.db, () => doExport(external, 'zone-external.com'), DnsNotHosted);
      assert.ok(owner);
    });

    test('success: export, import and export again round-trip every record type; BIND sees the same zone', async (t) => {
      const name = 'zone-roundtrip.com';
      const a = await hosted(name);
      const set = await replace(a, name, EVERY_TYPE);
      const first = await doExport(a, name);
      assert.equal(first.serial, set.serial);
      assert.ok(first.text.startsWith(`$ORIGIN ${name}.\n$TTL 3600\n@\t3600\tIN\tSOA\tns1.regd.test. hostmaster.regd.test. ${set.serial} 7200 3600 1209600 300\n`), first.text);

      const imported = await doImport(a, { name, text: first.text });
      assert.equal(imported.serial, set.serial + 1);
      assert.deepEqual(imported.skipped.map((s) => [s.line, s.type]), [[3, 'SOA'], [4, 'NS'], [5, 'NS']]);
      const sortKey = (r: object) => JSON.stringify(r);
      assert.deepEqual(withoutIds(imported.records).map(sortKey).sort(), withoutIds(set.records).map(sortKey).sort());
      const second = await doExport(a, name);
      assert.equal(second.text, first.text.replace(` ${set.serial} `, ` ${imported.serial} `), 'the same file but for the serial');

      if (!requireNamedCheckzone(t)) return;
      const canonical = (text: string, serial: number) => bindCanonicalZone(name, text).replace(` ${serial} `, ' SERIAL ');
      assert.equal(canonical(second.text, imported.serial), canonical(first.text, set.serial));
    });

    test('success: import appends when asked, and reports what it skipped', async () => {
      const name = 'zone-import-append.com';
      const a = await hosted(name);
      await replace(a, name, [{ type: 'A', name: '@', value: '192.0.2.1' }]);
      const r = await doImport(a, { name, append: true, text: '$TTL 600\n@ NS ns1.elsewhere.example.\nwww A 192.0.2.2\n' });
      assert.deepEqual(r.skipped, [{ line: 2, name: '@', type: 'NS', reason: "the apex name servers are regd's own" }]);
      assert.deepEqual(withoutIds(r.records), [
        { ...NO_FIELDS, name: '@', type: 'A', ttl: 3600, value: '192.0.2.1', state: 'live' },
        { ...NO_FIELDS, name: 'www', type: 'A', ttl: 600, value: '192.0.2.2', state: 'live' },
      ]);
    });

    test('success: an operator who names no account imports for the holder; a name nobody holds is DomainNotFound', async () => {
      const name = 'zone-import-operator.com';
      const a = await hosted(name);
      const r = await engine.run(importZone, { name, text: 'www A 192.0.2.7\n' }, { actor: OPERATOR });
      assert.deepEqual(withoutIds(r.records), [{ ...NO_FIELDS, name: 'www', type: 'A', ttl: 3600, value: '192.0.2.7', state: 'live' }]);
      const { skipped, ...zone } = r;
      assert.deepEqual(skipped, []);
      assert.deepEqual(await list(a, name), zone);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(importZone, { name: 'nobody-holds-this.com', text: '' }, { actor: OPERATOR }), DomainNotFound);
    });

    test('failure: an unreadable file, a conflicting or oversized one changes nothing', async () => {
      const name = 'zone-import-bad.com';
      const a = await hosted(name);
      await replace(a, name, [{ type: 'A', name: '@', value: '192.0.2.1' }]);
      const e = await assertFailsAndChangesNothing(engine.store.db, () => doImport(a, { name, text: 'ok A 192.0.2.2\n\nbad A 192.0.2.256\n' }), ZoneFileInvalid);
      assert.equal((e as ZoneFileInvalid).details.line, 3);
      await assertFailsAndChangesNothing(engine.store.db, () => doImport(a, { name, text: 'www CNAME host.example.net.\nwww TXT "x"\n' }), CnameConflict);
      await assertFailsAndChangesNothing(engine.store.db, () => doImport(a, { name, text: ' '.repeat(MAX_ZONE_FILE_LENGTH + 1) }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => doImport(a, { name, text: undefined as unknown as string }), InvalidValue);
    });

    test('failure: export with a bad SOA or name server', async () => {
      const name = 'zone-export-bad.com';
      const a = await hosted(name);
      const run = (input: object) => engine.run(exportZone, { name, ...input }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => run({ soa: { ...SOA, mname: 'bad_host' } }), InvalidHostName);
      await assertFailsAndChangesNothing(engine.store.db, () => run({ soa: { ...SOA, refresh: -1 } }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => run({ nameServers: ['ns1'] }), InvalidHostName);
      assert.deepEqual(await run({}), { domain: name, serial: 2026011500, text: `$ORIGIN ${name}.\n$TTL 3600\n` });
    });
  });
}
