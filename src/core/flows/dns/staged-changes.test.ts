import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR, SYSTEM } from '../../context.ts';
import { minutes, seconds } from '../../clock.ts';
import { CnameConflict, DnsRecordNotFound, NotAuthorizedOperation } from '../../errors/index.ts';
import type { DnsRecordInput } from '../../dns/record-types.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { addRecord } from './add-record.ts';
import { updateRecord } from './update-record.ts';
import { deleteRecord } from './delete-record.ts';
import { getRecord } from './get-record.ts';
import { listRecords } from './list-records.ts';
import { commitZone } from './commit-zone.ts';
import { commitDueZones } from './commit-due-zones.ts';
import { publishedRecords, zoneSerial } from './published-zone.ts';
import { AUTO_COMMIT_DELAY_MS } from './zone-publish.ts';

const START = '2026-01-15T10:00:00Z';
const at = (ms: number) => new Date(new Date(START).getTime() + ms);

for (const backend of BACKENDS) {
  describe(`${backend}: staged DNS changes`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());
    beforeEach(() => engine.clock.set(START));

    const hosted = async (name: string) => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const { domain } = await engine.run(registerDomain, { name }, { actor: a.actor });
      return { a, id: domain.id };
    };
    const add = (a: TestAccount, name: string, record: DnsRecordInput, staged = false) => engine.run(addRecord, { name, record, staged }, { actor: a.actor });
    const update = (a: TestAccount, recordId: number, record: DnsRecordInput, staged = false) => engine.run(updateRecord, { recordId, record, staged }, { actor: a.actor });
    const remove = (a: TestAccount, recordId: number, staged = false) => engine.run(deleteRecord, { recordId, staged }, { actor: a.actor });
    const list = (a: TestAccount, name: string, includeStaged = false) => engine.run(listRecords, { name, includeStaged }, { actor: a.actor });
    const commit = (a: TestAccount, name: string) => engine.run(commitZone, { name }, { actor: a.actor });
    const sweep = async (domain: string) => (await engine.run(commitDueZones, {}, { actor: SYSTEM })).zones.filter((z) => z.domain === domain);

    test('success: staged additions, updates and deletions stay invisible until the commit, which moves the serial once', async () => {
      const name = 'staged-basic.com';
      const { a, id } = await hosted(name);
      const www = (await add(a, name, { type: 'A', name: 'www', value: '192.0.2.1' })).record;
      const txt = (await add(a, name, { type: 'TXT', name: '@', value: 'old' })).record;
      const mx = (await add(a, name, { type: 'MX', name: '@', value: 'mx.example.net', priority: 10 })).record;
      assert.equal(await zoneSerial(engine.store, id), 2026011503);

      engine.clock.advance(minutes(1));
      const api = await add(a, name, { type: 'A', name: 'api', value: '192.0.2.7' }, true);
      const deadline = at(minutes(1) + AUTO_COMMIT_DELAY_MS);
      assert.deepEqual(api, { domain: name, serial: 2026011503, autoCommitAt: deadline, record: { ...www, id: api.record.id, name: 'api', value: '192.0.2.7', state: 'staged_add' } });
      engine.clock.advance(minutes(1));
      const newTxt = await update(a, txt.id, { type: 'TXT', name: '@', value: 'new', ttl: 600 }, true);
      assert.deepEqual(newTxt, { domain: name, serial: 2026011503, autoCommitAt: deadline, record: { ...txt, value: 'new', ttl: 600, state: 'staged_update' } });
      assert.deepEqual(await remove(a, mx.id, true), { domain: name, serial: 2026011503, autoCommitAt: deadline, recordId: mx.id });

      const published = [www, { ...txt, state: 'staged_update' }, { ...mx, state: 'staged_delete' }];
      assert.deepEqual(await list(a, name), { domain: name, serial: 2026011503, autoCommitAt: deadline, records: published });
      assert.deepEqual(await list(a, name, true), { domain: name, serial: 2026011503, autoCommitAt: deadline, records: [www, newTxt.record, api.record] });
      assert.deepEqual(await publishedRecords(engine.store.db, id), published);
      assert.equal(await zoneSerial(engine.store, id), 2026011503);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getRecord, { recordId: api.record.id }, { actor: a.actor }), DnsRecordNotFound);
      assert.deepEqual(await engine.run(getRecord, { recordId: api.record.id, includeStaged: true }, { actor: a.actor }), api.record);
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(getRecord, { recordId: mx.id, includeStaged: true }, { actor: a.actor }), DnsRecordNotFound);

      assert.deepEqual(await commit(a, name), { domain: name, serial: 2026011504, autoCommitAt: null, changes: 3 });
      const live = [www, { ...newTxt.record, state: 'live' }, { ...api.record, state: 'live' }];
      assert.deepEqual(await list(a, name), { domain: name, serial: 2026011504, autoCommitAt: null, records: live });
      assert.deepEqual(await list(a, name, true), { domain: name, serial: 2026011504, autoCommitAt: null, records: live });
      assert.deepEqual(await commit(a, name), { domain: name, serial: 2026011504, autoCommitAt: null, changes: 0 }, 'nothing pending: the serial stays');
    });

    test('success: the sweeper commits a zone 5 minutes after its first staged change, not before', async () => {
      const name = 'staged-auto.com';
      const { a, id } = await hosted(name);
      const first = await add(a, name, { type: 'A', name: '@', value: '192.0.2.1' }, true);
      assert.deepEqual(first.autoCommitAt, at(AUTO_COMMIT_DELAY_MS));
      assert.equal(first.serial, 2026011500);
      engine.clock.advance(minutes(3));
      const second = await add(a, name, { type: 'A', name: '@', value: '192.0.2.2' }, true);
      assert.deepEqual(second.autoCommitAt, at(AUTO_COMMIT_DELAY_MS), 'a later staged change does not move the deadline');

      engine.clock.set(at(AUTO_COMMIT_DELAY_MS - seconds(1)));
      assert.deepEqual(await sweep(name), []);
      assert.deepEqual(await publishedRecords(engine.store.db, id), []);
      assert.equal(await zoneSerial(engine.store, id), 2026011500);

      engine.clock.set(at(AUTO_COMMIT_DELAY_MS));
      assert.deepEqual(await sweep(name), [{ domain: name, serial: 2026011501, changes: 2 }]);
      assert.deepEqual(await publishedRecords(engine.store.db, id), [{ ...first.record, state: 'live' }, { ...second.record, state: 'live' }]);
      assert.equal(await zoneSerial(engine.store, id), 2026011501);
      assert.deepEqual((await list(a, name)).autoCommitAt, null);
      assert.deepEqual(await sweep(name), [], 'a committed zone is not due again');
    });

    test('success: after the deadline every flow sees the zone committed, and a new staged change opens a new window', async () => {
      const name = 'staged-settle.com';
      const { a } = await hosted(name);
      const first = await add(a, name, { type: 'TXT', name: '@', value: 'first' }, true);
      engine.clock.advance(minutes(6));
      assert.deepEqual(await list(a, name), { domain: name, serial: 2026011501, autoCommitAt: null, records: [{ ...first.record, state: 'live' }] });
      const second = await add(a, name, { type: 'TXT', name: '@', value: 'second' }, true);
      assert.deepEqual({ serial: second.serial, autoCommitAt: second.autoCommitAt }, { serial: 2026011501, autoCommitAt: at(minutes(6) + AUTO_COMMIT_DELAY_MS) });
    });

    test('success: an immediate change is published at once and leaves the pending changes pending', async () => {
      const name = 'staged-mixed.com';
      const { a, id } = await hosted(name);
      const pending = await add(a, name, { type: 'A', name: 'later', value: '192.0.2.1' }, true);
      engine.clock.advance(minutes(1));
      const now = await add(a, name, { type: 'A', name: 'now', value: '192.0.2.2' });
      assert.deepEqual({ serial: now.serial, autoCommitAt: now.autoCommitAt }, { serial: 2026011501, autoCommitAt: pending.autoCommitAt });
      assert.deepEqual(await publishedRecords(engine.store.db, id), [now.record]);
      assert.deepEqual((await list(a, name, true)).records, [pending.record, now.record]);
    });

    test('success: staged edits of staged records; an immediate change of a record supersedes its pending change', async () => {
      const name = 'staged-edits.com';
      const { a, id } = await hosted(name);
      const added = await add(a, name, { type: 'A', name: 'x', value: '192.0.2.1' }, true);
      const edited = await update(a, added.record.id, { type: 'A', name: 'x', value: '192.0.2.9' }, true);
      assert.deepEqual(edited.record, { ...added.record, value: '192.0.2.9', state: 'staged_add' }, 'an edited addition is still an addition');
      assert.deepEqual(await remove(a, added.record.id, true), { domain: name, serial: 2026011500, autoCommitAt: added.autoCommitAt, recordId: added.record.id });
      assert.deepEqual((await list(a, name, true)).records, [], 'a dropped addition leaves nothing');

      const live = (await add(a, name, { type: 'A', name: 'y', value: '192.0.2.1' })).record;
      await remove(a, live.id, true);
      await assertFailsAndChangesNothing(engine.store.db, () => update(a, live.id, { type: 'A', name: 'y', value: '192.0.2.2' }, true), DnsRecordNotFound);
      await assertFailsAndChangesNothing(engine.store.db, () => remove(a, live.id, true), DnsRecordNotFound);
      const revived = await update(a, live.id, { type: 'A', name: 'y', value: '192.0.2.3' });
      assert.deepEqual(revived, { domain: name, serial: 2026011502, autoCommitAt: added.autoCommitAt, record: { ...live, value: '192.0.2.3' } });

      const hidden = await add(a, name, { type: 'TXT', name: 'z', value: 'draft' }, true);
      const gone = await remove(a, hidden.record.id);
      assert.equal(gone.serial, 2026011502, 'removing a never-published record does not move the serial');
      assert.deepEqual(await publishedRecords(engine.store.db, id), [revived.record]);
    });

    test('failure: a staged change may not break the pending zone; an immediate one may not break the published zone', async () => {
      const name = 'staged-cname.com';
      const { a } = await hosted(name);
      const cname = (await add(a, name, { type: 'CNAME', name: 'www', value: 'host.example.net' })).record;
      await assertFailsAndChangesNothing(engine.store.db, () => add(a, name, { type: 'A', name: 'www', value: '192.0.2.1' }, true), CnameConflict);
      await remove(a, cname.id, true);
      await assertFailsAndChangesNothing(engine.store.db, () => add(a, name, { type: 'A', name: 'www', value: '192.0.2.1' }), CnameConflict);
      const staged = await add(a, name, { type: 'A', name: 'www', value: '192.0.2.1' }, true);
      assert.equal(staged.record.state, 'staged_add', 'the pending zone no longer has the CNAME');
      assert.deepEqual(await commit(a, name), { domain: name, serial: 2026011502, autoCommitAt: null, changes: 2 });
    });

    test('failure: only the operator or the system runs the auto-commit sweep', async () => {
      const { a } = await hosted('staged-sweep-auth.com');
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(commitDueZones, {}, { actor: a.actor }), NotAuthorizedOperation);
      assert.ok(Array.isArray((await engine.run(commitDueZones, {}, { actor: OPERATOR })).zones));
    });
  });
}
