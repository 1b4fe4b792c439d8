import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { HostInUse, HostNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from './create-host.ts';
import { deleteHosts, type DeleteHostsInput } from './delete-host.ts';
import { setDomainNameServers } from './set-domain-name-servers.ts';
import { createNsset } from './create-nsset.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: deleteHosts`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string) => engine.run(registerDomain, { name }, { actor: a.actor });
    const create = (a: TestAccount, name: string, addresses?: string[]) => engine.run(createHost, { name, addresses }, { actor: a.actor });
    const del = (a: TestAccount, input: DeleteHostsInput) => engine.run(deleteHosts, input, { actor: a.actor });
    const delegate = (a: TestAccount, name: string, nameServers: string[]) => engine.run(setDomainNameServers, { name, nameServers }, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);
    const hostNames = async (a: TestAccount) =>
      (await engine.store.db.selectFrom('hosts').select('name').where('account_id', '=', a.id).orderBy('name').execute()).map((r) => r.name);

    test('success: deletes by ids and names together, each once', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'delete-many.com');
      const h1 = await create(a, 'ns1.delete-many.com', ['192.0.2.1']);
      const h2 = await create(a, 'ns2.delete-many.com', ['192.0.2.2']);
      const h3 = await create(a, 'ns.delete-ext.example');
      const keep = await create(a, 'ns.keep.example');
      const deleted = await del(a, { hostIds: [h1.id, h2.id, h1.id], names: ['NS.Delete-Ext.example', 'ns2.delete-many.com'] });
      assert.deepEqual(deleted, [h1, h2, h3]);
      assert.deepEqual(await hostNames(a), [keep.name]);
    });

    test('success: Freenom style, by name under a named domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'delete-under.com');
      const h = await create(a, 'ns1.delete-under.com', ['192.0.2.1']);
      assert.deepEqual(await del(a, { names: [h.name], domain: 'delete-under.com' }), [h]);
      const other = await create(a, 'ns2.delete-under.com', ['192.0.2.2']);
      await fails(() => del(a, { names: [other.name], domain: 'delete-else.com' }), InvalidValue);
    });

    test('success: a host freed from its delegation can be deleted', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'freed.com');
      const h = await create(a, 'ns1.freed.com', ['192.0.2.1']);
      await delegate(a, 'freed.com', ['ns1.freed.com', 'ns.freed-ext.example']);
      await fails(() => del(a, { hostIds: [h.id] }), HostInUse);
      await delegate(a, 'freed.com', []);
      assert.deepEqual(await del(a, { hostIds: [h.id] }), [h]);
    });

    test('failure: in use by another account\'s domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'hoster-a.com');
      await register(b, 'customer-b.com');
      const h = await create(a, 'ns1.hoster-a.com', ['192.0.2.1']);
      await create(a, 'ns2.hoster-a.com', ['192.0.2.2']);
      await delegate(b, 'customer-b.com', ['ns1.hoster-a.com', 'ns2.hoster-a.com']);
      await fails(() => del(a, { hostIds: [h.id] }), HostInUse);
    });

    test('failure: in use by an NSSET', async () => {
      const a = await newAccount(engine);
      const h = await create(a, 'ns1.nsset-user.example');
      await engine.run(createNsset, { hosts: [{ name: 'ns1.nsset-user.example' }, { name: 'ns2.nsset-user.example' }] }, { actor: a.actor });
      await fails(() => del(a, { names: [h.name] }), HostInUse);
    });

    test('failure: all or nothing; another account\'s host is not found', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const mine = await create(a, 'ns.mine.example');
      const theirs = await create(b, 'ns.theirs.example');
      await fails(() => del(a, { hostIds: [mine.id, theirs.id] }), HostNotFound);
      await fails(() => del(a, { names: [mine.name, theirs.name] }), HostNotFound);
      await fails(() => del(a, { names: [mine.name, 'ns.nowhere.example'] }), HostNotFound);
      assert.deepEqual(await hostNames(a), [mine.name]);
    });

    test('failure: nothing named', async () => {
      const a = await newAccount(engine);
      await fails(() => del(a, {}), MissingParameter);
      await fails(() => del(a, { hostIds: [], names: [] }), MissingParameter);
      await fails(() => del(a, { hostIds: 'x' as unknown as number[] }), InvalidValue);
    });
  });
}
