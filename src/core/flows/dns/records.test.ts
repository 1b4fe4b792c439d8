import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { days } from '../../clock.ts';
import {
  AccountSuspended, CnameConflict, DnsNotHosted, DnsRecordExists, DnsRecordNotFound, DomainNotFound, DomainStatusProhibits,
  InvalidRecordName, InvalidRecordTtl, InvalidRecordType, InvalidRecordValue, InvalidValue,
} from '../../errors/index.ts';
import type { DnsRecordInput } from '../../dns/record-types.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { registerDomain, type RegisterDomainInput } from '../domains/register-domain.ts';
import { modifyDomain } from '../domains/modify-domain.ts';
import { addRecord } from './add-record.ts';
import { updateRecord, type UpdateRecordInput } from './update-record.ts';
import { deleteRecord, type DeleteRecordInput } from './delete-record.ts';
import { getRecord, type GetRecordInput } from './get-record.ts';
import { listRecords } from './list-records.ts';
import { publishedRecords, zoneSerial } from './published-zone.ts';
import type { DnsRecordView } from './record-rows.ts';

const NO_FIELDS = { priority: null, weight: null, port: null, flags: null, tag: null } as const;
const view = (id: number, r: Pick<DnsRecordView, 'name' | 'type' | 'value'> & Partial<DnsRecordView>): DnsRecordView => ({
  id, ttl: 3600, ...NO_FIELDS, state: 'live', ...r,
});

for (const backend of BACKENDS) {
  describe(`${backend}: DNS records`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());
    beforeEach(() => engine.clock.set('2026-01-15T10:00:00Z'));

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const add = (a: TestAccount, name: string, record: DnsRecordInput) => engine.run(addRecord, { name, record }, { actor: a.actor });
    const update = (a: TestAccount, input: UpdateRecordInput) => engine.run(updateRecord, input, { actor: a.actor });
    const remove = (a: TestAccount, input: DeleteRecordInput) => engine.run(deleteRecord, input, { actor: a.actor });
    const get = (a: TestAccount, input: GetRecordInput) => engine.run(getRecord, input, { actor: a.actor });
    const list = (a: TestAccount, name: string) => engine.run(listRecords, { name }, { actor: a.actor });
    const hostedDomain = async (name: string) => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name });
      return { a, d };
    };

    test('success: each type is added at once, listed in id order, and every change moves the serial', async () => {
      const { a, d } = await hostedDomain('dns-every-type.com');
      const base = await zoneSerial(engine.store, d.id);
      assert.equal(base, 2026011500, 'a zone that never changed has the serial of its creation date');
      const inputs: DnsRecordInput[] = [
        { type: 'A', name: '@', value: '192.0.2.1', ttl: 300 },
        { type: 'AAAA', name: 'www', value: '2001:DB8::0:1' },
        { type: 'CNAME', name: 'blog', value: 'www.dns-every-type.com.' },
        { type: 'MX', name: '@', value: 'Mail.Example.NET', priority: 10 },
        { type: 'TXT', name: '_dmarc', value: 'v=DMARC1; p=none' },
        { type: 'SRV', name: '_sip._tcp', value: 'sip.example.net', priority: 1, weight: 2, port: 5060 },
        { type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue' },
        { type: 'NS', name: 'lab', value: 'ns1.example.net' },
      ];
      const expected: DnsRecordView[] = [];
      for (const [i, record] of inputs.entries()) {
        const r = await add(a, 'dns-every-type.com', record);
        assert.deepEqual({ ...r, record: { ...r.record, id: 0 } }, {
          domain: 'dns-every-type.com', serial: 2026011501 + i, autoCommitAt: null,
          record: { ...r.record, id: 0, state: 'live' },
        });
        expected.push(r.record);
      }
      assert.deepEqual(expected.map(({ id: _id, ...rest }) => rest), [
        { ...NO_FIELDS, name: '@', type: 'A', ttl: 300, value: '192.0.2.1', state: 'live' },
        { ...NO_FIELDS, name: 'www', type: 'AAAA', ttl: 3600, value: '2001:db8::1', state: 'live' },
        { ...NO_FIELDS, name: 'blog', type: 'CNAME', ttl: 3600, value: 'www.dns-every-type.com', state: 'live' },
        { ...NO_FIELDS, name: '@', type: 'MX', ttl: 3600, value: 'mail.example.net', priority: 10, state: 'live' },
        { ...NO_FIELDS, name: '_dmarc', type: 'TXT', ttl: 3600, value: 'v=DMARC1; p=none', state: 'live' },
        { ...NO_FIELDS, name: '_sip._tcp', type: 'SRV', ttl: 3600, value: 'sip.example.net', priority: 1, weight: 2, port: 5060, state: 'live' },
        { ...NO_FIELDS, name: '@', type: 'CAA', ttl: 3600, value: 'letsencrypt.org', flags: 0, tag: 'issue', state: 'live' },
        { ...NO_FIELDS, name: 'lab', type: 'NS', ttl: 3600, value: 'ns1.example.net', state: 'live' },
      ]);
      assert.deepEqual(expected.map((r) => r.id), [...expected.map((r) => r.id)].sort((x, y) => x - y));
      assert.deepEqual(await list(a, 'DNS-EVERY-TYPE.com'), { domain: 'dns-every-type.com', serial: 2026011508, autoCommitAt: null, records: expected });
      assert.deepEqual(await publishedRecords(engine.store.db, d.id), expected);
      assert.equal(await zoneSerial(engine.store, d.id), 2026011508);
      for (const r of expected) {
        assert.deepEqual(await get(a, { recordId: r.id }), r);
        assert.deepEqual(await get(a, { name: 'dns-every-type.com', recordId: r.id }), r);
      }
    });

    test('success: update keeps the id and replaces every value; a change on a later day starts from that day', async () => {
      const { a } = await hostedDomain('dns-update.com');
      const { record } = await add(a, 'dns-update.com', { type: 'A', name: 'www', value: '192.0.2.1' });
      const moved = await update(a, { name: 'dns-update.com', recordId: record.id, record: { type: 'A', name: 'www', value: '192.0.2.2', ttl: 600 } });
      assert.deepEqual(moved, { domain: 'dns-update.com', serial: 2026011502, autoCommitAt: null, record: view(record.id, { name: 'www', type: 'A', value: '192.0.2.2', ttl: 600 }) });
      engine.clock.advance(days(3));
      const retyped = await update(a, { recordId: record.id, record: { type: 'CNAME', name: 'web', value: 'host.example.net' } });
      assert.deepEqual(retyped, { domain: 'dns-update.com', serial: 2026011800, autoCommitAt: null, record: view(record.id, { name: 'web', type: 'CNAME', value: 'host.example.net' }) });
      assert.deepEqual((await list(a, 'dns-update.com')).records, [retyped.record]);
    });

    test('success: delete removes the record at once and moves the serial', async () => {
      const { a, d } = await hostedDomain('dns-delete.com');
      const one = await add(a, 'dns-delete.com', { type: 'TXT', name: '@', value: 'one' });
      const two = await add(a, 'dns-delete.com', { type: 'TXT', name: '@', value: 'two' });
      assert.deepEqual(await remove(a, { recordId: one.record.id }), { domain: 'dns-delete.com', serial: 2026011503, autoCommitAt: null, recordId: one.record.id });
      assert.deepEqual(await publishedRecords(engine.store.db, d.id), [two.record]);
      await assertFailsAndChangesNothing(engine.store.db, () => get(a, { recordId: one.record.id }), DnsRecordNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => remove(a, { recordId: one.record.id }), DnsRecordNotFound);
    });

    test('success: an expired domain (in its auto-renew grace) can still change records', async () => {
      const { a } = await hostedDomain('dns-expired.com');
      engine.clock.advance(days(366));
      const r = await add(a, 'dns-expired.com', { type: 'A', name: '@', value: '192.0.2.1' });
      assert.equal(r.record.state, 'live');
    });

    test('failure: CNAME beside other data, at the apex, or twice at one name', async () => {
      const { a } = await hostedDomain('dns-cname.com');
      await add(a, 'dns-cname.com', { type: 'CNAME', name: 'www', value: 'host.example.net' });
      const a1 = await add(a, 'dns-cname.com', { type: 'A', name: 'api', value: '192.0.2.1' });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-cname.com', { type: 'A', name: 'www', value: '192.0.2.1' }), CnameConflict);
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-cname.com', { type: 'TXT', name: 'www', value: 'x' }), CnameConflict);
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-cname.com', { type: 'CNAME', name: 'www', value: 'other.example.net' }), CnameConflict);
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-cname.com', { type: 'CNAME', name: 'api', value: 'other.example.net' }), CnameConflict);
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-cname.com', { type: 'CNAME', name: '@', value: 'other.example.net' }), CnameConflict);
      await assertFailsAndChangesNothing(db, () => update(a, { recordId: a1.record.id, record: { type: 'A', name: 'www', value: '192.0.2.1' } }), CnameConflict);
    });

    test('failure: the same record twice', async () => {
      const { a } = await hostedDomain('dns-duplicate.com');
      await add(a, 'dns-duplicate.com', { type: 'MX', name: '@', value: 'mx.example.net', priority: 10 });
      const other = await add(a, 'dns-duplicate.com', { type: 'MX', name: '@', value: 'mx.example.net', priority: 20 });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-duplicate.com', { type: 'mx', name: '@', value: 'MX.example.net.', priority: 10, ttl: 60 }), DnsRecordExists);
      await assertFailsAndChangesNothing(db, () => update(a, { recordId: other.record.id, record: { type: 'MX', name: '@', value: 'mx.example.net', priority: 10 } }), DnsRecordExists);
    });

    test('failure: invalid records change nothing', async () => {
      const { a } = await hostedDomain('dns-invalid.com');
      const { record } = await add(a, 'dns-invalid.com', { type: 'A', name: '@', value: '192.0.2.1' });
      const cases: [DnsRecordInput, abstract new (...x: never[]) => Error][] = [
        [{ type: 'A', name: '@', value: '2001:db8::1' }, InvalidRecordValue],
        [{ type: 'MX', name: '@', value: 'mx.example.net' }, InvalidRecordValue],
        [{ type: 'forward', name: '@', value: 'https://example.net' }, InvalidRecordType],
        [{ type: 'A', name: 'a..b', value: '192.0.2.1' }, InvalidRecordName],
        [{ type: 'A', name: 'www', value: '192.0.2.1', ttl: 10 }, InvalidRecordTtl],
        [null as unknown as DnsRecordInput, InvalidValue],
      ];
      for (const [input, cls] of cases) {
        await assertFailsAndChangesNothing(engine.store.db, () => add(a, 'dns-invalid.com', input), cls);
        await assertFailsAndChangesNothing(engine.store.db, () => update(a, { recordId: record.id, record: input }), cls);
      }
      await assertFailsAndChangesNothing(engine.store.db, () => get(a, { recordId: 'x' as unknown as number }), InvalidValue);
      await assertFailsAndChangesNothing(engine.store.db, () => get(a, { recordId: -1 }), DnsRecordNotFound);
    });

    test("failure: another account's domain is not found; its record ids are not found, with or without a domain name", async () => {
      const { a: owner } = await hostedDomain('dns-owner.com');
      const { record } = await add(owner, 'dns-owner.com', { type: 'A', name: '@', value: '192.0.2.1' });
      const { a: other } = await hostedDomain('dns-other.com');
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => add(other, 'dns-owner.com', { type: 'A', name: 'x', value: '192.0.2.9' }), DomainNotFound);
      await assertFailsAndChangesNothing(db, () => list(other, 'dns-owner.com'), DomainNotFound);
      await assertFailsAndChangesNothing(db, () => add(owner, 'dns-nobody.com', { type: 'A', name: 'x', value: '192.0.2.9' }), DomainNotFound);
      const edit = { type: 'A', name: '@', value: '192.0.2.9' };
      for (const name of [undefined, 'dns-other.com']) {
        const ref = { recordId: record.id, ...(name ? { name } : {}) };
        await assertFailsAndChangesNothing(db, () => get(other, ref), DnsRecordNotFound);
        await assertFailsAndChangesNothing(db, () => update(other, { ...ref, record: edit }), DnsRecordNotFound);
        await assertFailsAndChangesNothing(db, () => remove(other, ref), DnsRecordNotFound);
      }
      await assertFailsAndChangesNothing(db, () => update(other, { name: 'dns-owner.com', recordId: record.id, record: edit }), DomainNotFound);
      const { record: mine } = await add(other, 'dns-other.com', { type: 'A', name: '@', value: '192.0.2.2' });
      const second = await register(other, { name: 'dns-other2.com' });
      await assertFailsAndChangesNothing(db, () => get(other, { name: second.name, recordId: mine.id }), DnsRecordNotFound);
    });

    test("failure: a domain on external name servers is refused; its records return when it is back on regd's", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'dns-external.com', nameServers: ['ns1.example.net', 'ns2.example.net'] });
      const db = engine.store.db;
      await assertFailsAndChangesNothing(db, () => add(a, 'dns-external.com', { type: 'A', name: '@', value: '192.0.2.1' }), DnsNotHosted);
      await assertFailsAndChangesNothing(db, () => list(a, 'dns-external.com'), DnsNotHosted);
      await engine.run(modifyDomain, { name: 'dns-external.com', service: { nameServers: [] } }, { actor: a.actor });
      const r = await add(a, 'dns-external.com', { type: 'A', name: '@', value: '192.0.2.1' });
      await engine.run(modifyDomain, { name: 'dns-external.com', service: { forward: { url: 'https://example.net', kind: 'permanent' } } }, { actor: a.actor });
      await assertFailsAndChangesNothing(db, () => get(a, { recordId: r.record.id }), DnsNotHosted);
      await assertFailsAndChangesNothing(db, () => remove(a, { recordId: r.record.id }), DnsNotHosted);
    });

    test('failure: a domain pending creation or in redemption cannot change records, but can list them', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'dns-pending.cn' });
      await assertFailsAndChangesNothing(engine.store.db, () => add(a, 'dns-pending.cn', { type: 'A', name: '@', value: '192.0.2.1' }), DomainStatusProhibits);
      assert.deepEqual(await list(a, 'dns-pending.cn'), { domain: 'dns-pending.cn', serial: 2026011500, autoCommitAt: null, records: [] });
      await register(a, { name: 'dns-redemption.fr' });
      const { record } = await add(a, 'dns-redemption.fr', { type: 'A', name: '@', value: '192.0.2.1' });
      engine.clock.advance(days(366));
      await assertFailsAndChangesNothing(engine.store.db, () => add(a, 'dns-redemption.fr', { type: 'A', name: 'x', value: '192.0.2.1' }), DomainStatusProhibits);
      await assertFailsAndChangesNothing(engine.store.db, () => remove(a, { recordId: record.id }), DomainStatusProhibits);
      assert.deepEqual((await list(a, 'dns-redemption.fr')).records, [record]);
    });

    test('failure: a suspended account cannot change records', async () => {
      const { a } = await hostedDomain('dns-suspended.com');
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assertFailsAndChangesNothing(engine.store.db, () => add(a, 'dns-suspended.com', { type: 'A', name: '@', value: '192.0.2.1' }), AccountSuspended);
    });
  });
}
