import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import {
  ConflictingParameters, ContactNotFound, DomainNotFound, DomainStatusProhibits, FolderNotFound, HostNotFound, InvalidNameServerCount, InvalidRecordValue,
  InvalidValue, MissingParameter,
} from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from '../domains/register-domain.ts';
import { getDomain } from '../domains/get-domain.ts';
import { listRecords } from '../dns/list-records.ts';
import type { ClearableService } from '../settings/template-services.ts';
import { createFolder } from './create-folder.ts';
import { listFolders } from './list-folders.ts';
import { setFolderSetting, type SetFolderSettingInput } from './set-folder-setting.ts';
import { clearFolderSetting } from './clear-folder-setting.ts';
import { moveDomainToFolder, type MoveDomainToFolderInput } from './move-domain-to-folder.ts';

const NAME_SERVERS = ['ns1.provider.example', 'ns2.provider.example'];

for (const backend of BACKENDS) {
  describe(`${backend}: folder settings (setFolderSetting, clearFolderSetting, moveDomainToFolder)`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const folder = (a: TestAccount, name: string) => engine.run(createFolder, { name }, { actor: a.actor });
    const set = (a: TestAccount, input: SetFolderSettingInput) => engine.run(setFolderSetting, input, { actor: a.actor });
    const clear = (a: TestAccount, folderId: number, service: ClearableService) => engine.run(clearFolderSetting, { folderId, service }, { actor: a.actor });
    const move = (a: TestAccount, input: MoveDomainToFolderInput) => engine.run(moveDomainToFolder, input, { actor: a.actor });
    const view = (a: TestAccount, name: string) => engine.run(getDomain, { name }, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);
    const internalId = async (number: number) =>
      (await engine.store.db.selectFrom('contacts').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    const folderRowId = async (number: number) =>
      (await engine.store.db.selectFrom('folders').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

    test('success: enabled name servers and whois are applied when a domain moves in; disabled settings are not', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      const f = await folder(a, 'Delegated');
      const r1 = await set(a, { folderId: f.id, key: 'nameServers', value: ['NS1.provider.example', 'ns2.provider.example'], enable: true });
      assert.deepEqual(r1, {
        folder: { id: f.id, name: 'Delegated', template: { nameServers: NAME_SERVERS }, enabled: { nameServers: true }, domainCount: 0 },
        synced: [],
        skipped: [],
      });
      await set(a, { folderId: f.id, key: 'contacts', value: { registrant: c.id, admin: c.id, tech: c.id, billing: c.id }, enable: true });
      await set(a, { folderId: f.id, key: 'renewOption', value: 'donot' });
      const d = await register(a, { name: 'moves-in.com' });
      const at = engine.clock.advance(days(1));
      const r = await move(a, { name: 'moves-in.com', folder: 'Delegated' });
      const id = await internalId(c.id);
      const moved = {
        ...d,
        updatedAt: at,
        serviceMode: 'custom_ns',
        nameServers: NAME_SERVERS,
        contacts: { registrant: id, admin: id, tech: id, billing: id },
        folderId: await folderRowId(f.id),
      } as const;
      assert.deepEqual(r, { domain: moved, folder: { id: f.id, name: 'Delegated' }, applied: ['contacts', 'nameServers'] });
      assert.deepEqual(await view(a, 'moves-in.com'), moved);

      // Already in the folder: nothing is applied again. Out to "Default": no folder, settings kept.
      assert.deepEqual(await move(a, { name: 'moves-in.com', folderId: f.id }), { domain: moved, folder: { id: f.id, name: 'Delegated' }, applied: [] });
      const out = await move(a, { name: 'moves-in.com', folder: 'Default' });
      assert.deepEqual(out, { domain: { ...moved, folderId: null }, folder: null, applied: [] });
    });

    test('success: sync applies a setting now to every current member; members that cannot change are skipped', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      const f = await folder(a, 'Synced');
      const members = ['sync-a.com', 'sync-b.net', 'sync-c.cz'];
      for (const name of members) {
        await register(a, { name });
        await move(a, { name, folderId: f.id });
      }
      await register(a, { name: 'sync-pending.cn' });
      // A pending registration cannot be moved by the flow; put it in the folder directly to see it skipped.
      await engine.store.db.updateTable('domains').set({ folder_id: await folderRowId(f.id) }).where('name', '=', 'sync-pending.cn').execute();
      const outsider = await register(a, { name: 'sync-outsider.com' });

      const r = await set(a, { folderId: f.id, key: 'nameServers', value: NAME_SERVERS, sync: true });
      assert.deepEqual(r, {
        folder: { id: f.id, name: 'Synced', template: { nameServers: NAME_SERVERS }, enabled: {}, domainCount: 4 },
        synced: ['sync-a.com', 'sync-b.net'],
        skipped: ['sync-c.cz', 'sync-pending.cn'],
      });
      for (const name of ['sync-a.com', 'sync-b.net']) assert.deepEqual((await view(a, name)).nameServers, NAME_SERVERS);
      assert.equal((await view(a, 'sync-c.cz')).serviceMode, 'regd_dns');
      assert.equal((await view(a, 'sync-pending.cn')).serviceMode, 'regd_dns');
      assert.deepEqual(await view(a, 'sync-outsider.com'), outsider);

      const dns = await set(a, { folderId: f.id, key: 'dns', value: { records: [{ type: 'A', name: '@', value: '192.0.2.80' }] }, sync: true, enable: true });
      assert.deepEqual([dns.synced, dns.skipped, dns.folder.template, dns.folder.enabled], [
        ['sync-a.com', 'sync-b.net', 'sync-c.cz'], ['sync-pending.cn'],
        { dns: { records: [{ type: 'A', name: '@', value: '192.0.2.80' }] } }, { dns: true },
      ]);
      for (const name of members) {
        const d = await view(a, name);
        assert.deepEqual([d.serviceMode, d.nameServers], ['regd_dns', []]);
        const zone = await engine.run(listRecords, { name }, { actor: a.actor });
        assert.deepEqual(zone.records.map((x) => [x.name, x.type, x.value, x.ttl]), [['@', 'A', '192.0.2.80', 3600]]);
      }
    });

    test('success: enable flags follow their key; the service slot replaces its other keys and their flags', async () => {
      const a = await newAccount(engine);
      const f = await folder(a, 'Flags');
      await set(a, { folderId: f.id, key: 'nameServers', value: NAME_SERVERS, enable: true });
      await set(a, { folderId: f.id, key: 'renewOption', value: 'auto', enable: true });
      await set(a, { folderId: f.id, key: 'renewOption', value: 'donot' });
      const r = await set(a, { folderId: f.id, key: 'service', value: { parking: { withAds: true } } });
      assert.deepEqual(r.folder, {
        id: f.id, name: 'Flags', template: { renewOption: 'donot', service: { parking: { withAds: true } } }, enabled: { renewOption: true }, domainCount: 0,
      });
      const off = await set(a, { folderId: f.id, key: 'renewOption', value: 'donot', enable: false });
      assert.deepEqual(off.folder.enabled, { renewOption: false });
    });

    test('success: clearing a folder setting removes it with its flag; members keep what they got', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const f = await folder(a, 'Clearing');
      await register(a, { name: 'clear-member.com' });
      await move(a, { name: 'clear-member.com', folderId: f.id });
      await set(a, { folderId: f.id, key: 'service', value: { forward: { url: 'https://to.example/', kind: 'cloak', title: 'T' } }, enable: true, sync: true });
      await set(a, { folderId: f.id, key: 'emailForward', value: { type: 'donot' }, enable: true });
      const member = await view(a, 'clear-member.com');
      assert.equal(member.serviceMode, 'stealth');
      assert.deepEqual(await clear(a, f.id, 'forward'), {
        id: f.id, name: 'Clearing', domainCount: 1, enabled: { service: true, emailForward: true },
        template: { service: { forward: { url: 'https://to.example/', kind: 'cloak', title: 'T' } }, emailForward: { type: 'donot' } },
      });
      assert.deepEqual(await clear(a, f.id, 'stealth'), {
        id: f.id, name: 'Clearing', domainCount: 1, enabled: { emailForward: true }, template: { emailForward: { type: 'donot' } },
      });
      assert.deepEqual(await view(a, 'clear-member.com'), member);
      assert.deepEqual((await engine.run(listFolders, {}, { actor: a.actor })).folders.map((x) => x.template), [{ emailForward: { type: 'donot' } }]);
    });

    test('failure: setFolderSetting with another account\'s folder, a bad value, a bad flag; nothing changes', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const mine = await folder(a, 'Mine');
      const theirs = await folder(b, 'Theirs');
      const hers = await newContact(engine, b);
      await fails(() => set(a, { folderId: theirs.id, key: 'renewOption', value: 'auto' }), FolderNotFound);
      await fails(() => set(a, { folderId: 0, key: 'renewOption', value: 'auto' }), FolderNotFound);
      await fails(() => set(a, { folderId: mine.id, key: 'contacts', value: { registrant: hers.id }, enable: true }), ContactNotFound);
      await fails(() => set(a, { folderId: mine.id, key: 'nameServers', value: ['ns1.provider.example'], sync: true }), InvalidNameServerCount);
      await fails(() => set(a, { folderId: mine.id, key: 'nameServers', value: NAME_SERVERS, requireHostObjects: true }), HostNotFound);
      await fails(() => set(a, { folderId: mine.id, key: 'renewOption', value: 'auto', enable: 'yes' as never }), InvalidValue);
      await fails(() => set(a, { folderId: mine.id, key: 'renewOption', value: 'auto', sync: 1 as never }), InvalidValue);
      await fails(() => engine.run(clearFolderSetting, { folderId: theirs.id, service: 'dns' }, { actor: a.actor }), FolderNotFound);
      await fails(() => engine.run(clearFolderSetting, { folderId: mine.id, service: 'note' as never }, { actor: a.actor }), InvalidValue);
    });

    test('failure: sync fails as a whole when one member cannot take the setting (a CNAME to itself there)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const f = await folder(a, 'Strict');
      for (const name of ['strict-one.com', 'strict-two.com']) {
        await register(a, { name });
        await move(a, { name, folderId: f.id });
      }
      const records = [{ type: 'CNAME', name: 'www', value: 'www.strict-two.com' }];
      await fails(() => set(a, { folderId: f.id, key: 'dns', value: { records }, sync: true }), InvalidRecordValue);
      // Without sync the same template is stored: it only fails against that one domain.
      const r = await set(a, { folderId: f.id, key: 'dns', value: { records } });
      assert.deepEqual(r.folder.template, { dns: { records } });
    });

    test('failure: moveDomainToFolder with an unknown folder name (case-sensitive), another account\'s folder or domain, both or no folder, a pending domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const mine = await folder(a, 'Case');
      const theirs = await folder(b, 'Shared name');
      await folder(a, 'Shared name');
      await register(a, { name: 'move-mine.com' });
      await register(b, { name: 'move-theirs.com' });
      await register(a, { name: 'move-pending.cn' });
      await fails(() => move(a, { name: 'move-mine.com', folder: 'case' }), FolderNotFound);
      await fails(() => move(a, { name: 'move-mine.com', folderId: theirs.id }), FolderNotFound);
      await fails(() => move(a, { name: 'move-mine.com', folderId: 999_999_999 }), FolderNotFound);
      await fails(() => move(a, { name: 'move-theirs.com', folder: 'Shared name' }), DomainNotFound);
      await fails(() => move(a, { name: 'move-mine.com', folder: 'Case', folderId: mine.id }), ConflictingParameters);
      await fails(() => move(a, { name: 'move-mine.com' }), MissingParameter);
      await fails(() => move(a, { name: 'move-pending.cn', folderId: mine.id }), DomainStatusProhibits);
    });
  });
}
