import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { AccountNotFound, FolderAlreadyExists, FolderNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { getDomain } from '../domains/get-domain.ts';
import { createFolder } from './create-folder.ts';
import { renameFolder } from './rename-folder.ts';
import { deleteFolders } from './delete-folders.ts';
import { listFolders } from './list-folders.ts';
import { moveDomainToFolder } from './move-domain-to-folder.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: folders (create, rename, delete, list)`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const create = (a: TestAccount, name: string) => engine.run(createFolder, { name }, { actor: a.actor });
    const list = (a: TestAccount) => engine.run(listFolders, {}, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);
    const empty = (id: number, name: string) => ({ id, name, template: {}, enabled: {}, domainCount: 0 });

    test('success: create returns the public id; names are case-sensitive and per account; list by id', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const shops = await create(a, '  Shops ');
      assert.deepEqual(shops, { id: shops.id, name: 'Shops' });
      assert.ok(Number.isSafeInteger(shops.id) && shops.id > 0);
      const lower = await create(a, 'shops');
      const theirs = await create(b, 'Shops');
      assert.notEqual(theirs.id, shops.id);
      assert.deepEqual(await list(a), { folders: [empty(shops.id, 'Shops'), empty(lower.id, 'shops')] });
      assert.deepEqual(await list(b), { folders: [empty(theirs.id, 'Shops')] });
      const max = await create(a, 'x'.repeat(64));
      assert.equal(max.name.length, 64);
    });

    test('success: rename, including to its own name', async () => {
      const a = await newAccount(engine);
      const f = await create(a, 'Old name');
      assert.deepEqual(await engine.run(renameFolder, { folderId: f.id, name: 'New name' }, { actor: a.actor }), { id: f.id, name: 'New name' });
      assert.deepEqual(await engine.run(renameFolder, { folderId: f.id, name: 'New name' }, { actor: a.actor }), { id: f.id, name: 'New name' });
      assert.deepEqual(await list(a), { folders: [empty(f.id, 'New name')] });
    });

    test('success: deleting folders leaves their domains in no folder, with their settings', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const one = await create(a, 'One');
      const two = await create(a, 'Two');
      const keep = await create(a, 'Keep');
      await engine.run(registerDomain, { name: 'folder-member-a.com', parking: { withAds: false } }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'folder-member-b.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'folder-member-c.com' }, { actor: a.actor });
      await engine.run(moveDomainToFolder, { name: 'folder-member-a.com', folder: 'One' }, { actor: a.actor });
      await engine.run(moveDomainToFolder, { name: 'folder-member-b.com', folderId: two.id }, { actor: a.actor });
      const kept = (await engine.run(moveDomainToFolder, { name: 'folder-member-c.com', folder: 'Keep' }, { actor: a.actor })).domain;
      assert.deepEqual((await list(a)).folders.map((f) => f.domainCount), [1, 1, 1]);

      const r = await engine.run(deleteFolders, { folderIds: [two.id, one.id, two.id] }, { actor: a.actor });
      assert.deepEqual(r, { deleted: [one.id, two.id], detached: ['folder-member-a.com', 'folder-member-b.com'] });
      const memberA = await engine.run(getDomain, { name: 'folder-member-a.com' }, { actor: a.actor });
      assert.deepEqual([memberA.folderId, memberA.serviceMode, memberA.parkingWithAds], [null, 'parking', false]);
      assert.equal((await engine.run(getDomain, { name: 'folder-member-b.com' }, { actor: a.actor })).folderId, null);
      assert.deepEqual(await engine.run(getDomain, { name: 'folder-member-c.com' }, { actor: a.actor }), kept);
      assert.deepEqual(await list(a), { folders: [{ ...empty(keep.id, 'Keep'), domainCount: 1 }] });
    });

    test('success: the operator acts for a named account', async () => {
      const a = await newAccount(engine);
      const f = await engine.run(createFolder, { accountId: a.id, name: 'By operator' }, { actor: OPERATOR });
      assert.deepEqual(await engine.run(listFolders, { accountId: a.id }, { actor: OPERATOR }), { folders: [empty(f.id, 'By operator')] });
    });

    test('failure: create with a taken, reserved, empty, too long or control-character name', async () => {
      const a = await newAccount(engine);
      await create(a, 'Taken');
      await fails(() => create(a, 'Taken'), FolderAlreadyExists);
      await fails(() => create(a, ' Taken '), FolderAlreadyExists);
      await fails(() => create(a, 'Default'), InvalidValue);
      await fails(() => create(a, 'default'), InvalidValue);
      await fails(() => create(a, '   '), MissingParameter);
      await fails(() => create(a, 'x'.repeat(65)), InvalidValue);
      await fails(() => create(a, 'tab\there'), InvalidValue);
      await fails(() => engine.run(createFolder, { name: 42 as never }, { actor: a.actor }), InvalidValue);
    });

    test('failure: rename to a taken name, another account\'s folder, unknown or malformed id', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const f = await create(a, 'Mine');
      await create(a, 'Also mine');
      const theirs = await create(b, 'Theirs');
      await fails(() => engine.run(renameFolder, { folderId: f.id, name: 'Also mine' }, { actor: a.actor }), FolderAlreadyExists);
      await fails(() => engine.run(renameFolder, { folderId: f.id, name: 'Default' }, { actor: a.actor }), InvalidValue);
      await fails(() => engine.run(renameFolder, { folderId: theirs.id, name: 'Stolen' }, { actor: a.actor }), FolderNotFound);
      await fails(() => engine.run(renameFolder, { folderId: 0, name: 'Zero' }, { actor: a.actor }), FolderNotFound);
      await fails(() => engine.run(renameFolder, { folderId: '1' as never, name: 'Text' }, { actor: a.actor }), InvalidValue);
    });

    test('failure: delete is all or nothing; another account\'s or unknown folder is not found', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const mine = await create(a, 'Mine');
      const theirs = await create(b, 'Theirs');
      await fails(() => engine.run(deleteFolders, { folderIds: [mine.id, theirs.id] }, { actor: a.actor }), FolderNotFound);
      await fails(() => engine.run(deleteFolders, { folderIds: [mine.id, 999_999_999] }, { actor: a.actor }), FolderNotFound);
      await fails(() => engine.run(deleteFolders, { folderIds: [] }, { actor: a.actor }), MissingParameter);
      await fails(() => engine.run(deleteFolders, { folderIds: Array.from({ length: 101 }, (_, i) => i + 1) }, { actor: a.actor }), InvalidValue);
      await fails(() => engine.run(listFolders, { accountId: b.id }, { actor: a.actor }), AccountNotFound);
    });
  });
}
