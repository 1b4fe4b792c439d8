import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import {
  ContactNotFound, DomainNotFound, GlueNotAllowed, GlueRequired, InvalidHostName, InvalidNameServerCount, InvalidValue, MissingParameter,
  NssetAlreadyExists, NssetNotFound,
} from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from './create-host.ts';
import { createNsset, type CreateNssetInput } from './create-nsset.ts';
import { getNsset } from './get-nsset.ts';
import { setDomainNsset } from './set-domain-nsset.ts';
import { setDomainNameServers } from './set-domain-name-servers.ts';

const EXT = [{ name: 'ns1.cz-hoster.example' }, { name: 'ns2.cz-hoster.example' }];

for (const backend of BACKENDS) {
  describe(`${backend}: NSSETs`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, name: string) => (await engine.run(registerDomain, { name }, { actor: a.actor })).domain;
    const create = (a: TestAccount, input: CreateNssetInput) => engine.run(createNsset, input, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);

    test('success: generated handle, glue kept canonical, tech contact by public number', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'nsset-glue.cz');
      const tech = await newContact(engine, a);
      const v = await create(a, {
        hosts: [{ name: 'NS1.nsset-glue.cz', addresses: ['2001:DB8::1', '192.0.2.1'] }, { name: 'ns.nsset-ext.example' }],
        techContactId: tech.id,
      });
      const now = engine.clock.now();
      const row = await engine.store.db.selectFrom('nssets').selectAll().where('handle', '=', v.handle).executeTakeFirstOrThrow();
      assert.deepEqual(v, {
        handle: `REGD-N${row.id}`,
        hosts: [{ name: 'ns1.nsset-glue.cz', addresses: ['192.0.2.1', '2001:db8::1'] }, { name: 'ns.nsset-ext.example', addresses: [] }],
        techContactId: tech.id,
        createdAt: now,
        updatedAt: now,
        linked: false,
      });
      assert.deepEqual(await engine.run(getNsset, { handle: v.handle.toLowerCase() }, { actor: a.actor }), v);
    });

    test('success: own handle upper-cased; an in-bailiwick host may borrow the glue of an existing host object', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(b, 'cz-dns-provider.com');
      await engine.run(createHost, { name: 'ns1.cz-dns-provider.com', addresses: ['198.51.100.1'] }, { actor: b.actor });
      const v = await create(a, { handle: 'my-nsset_1', hosts: [{ name: 'ns1.cz-dns-provider.com' }, { name: 'ns.other-provider.example' }] });
      assert.deepEqual([v.handle, v.hosts, v.techContactId],
        ['MY-NSSET_1', [{ name: 'ns1.cz-dns-provider.com', addresses: [] }, { name: 'ns.other-provider.example', addresses: [] }], null]);
    });

    test('success: a .cz domain delegated through its NSSET; an empty name server list returns to regd DNS', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, 'delegated-by-nsset.cz');
      const n = await create(a, { handle: 'DELEGATE-ME', hosts: [{ name: 'ns1.delegated-by-nsset.cz', addresses: ['192.0.2.5'] }, ...EXT] });
      const row = await engine.store.db.selectFrom('nssets').select('id').where('handle', '=', n.handle).executeTakeFirstOrThrow();
      const v = await engine.run(setDomainNsset, { name: 'delegated-by-nsset.cz', handle: 'delegate-me' }, { actor: a.actor });
      assert.deepEqual(v, {
        ...d, serviceMode: 'custom_ns', nssetId: row.id, updatedAt: engine.clock.now(),
        nameServers: ['ns1.delegated-by-nsset.cz', 'ns1.cz-hoster.example', 'ns2.cz-hoster.example'],
      });
      assert.equal((await engine.run(getNsset, { handle: n.handle }, { actor: a.actor })).linked, true);
      const back = await engine.run(setDomainNameServers, { name: 'delegated-by-nsset.cz', nameServers: [] }, { actor: a.actor });
      assert.deepEqual(back, { ...d, updatedAt: engine.clock.now() });
      assert.equal((await engine.run(getNsset, { handle: n.handle }, { actor: a.actor })).linked, false);
    });

    test('failure: handle taken (by any account), malformed or reserved for regd', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      await create(a, { handle: 'TAKEN', hosts: EXT });
      await fails(() => create(a, { handle: 'taken', hosts: EXT }), NssetAlreadyExists);
      await fails(() => create(b, { handle: 'Taken', hosts: EXT }), NssetAlreadyExists);
      await fails(() => create(a, { handle: 'AB', hosts: EXT }), InvalidValue);
      await fails(() => create(a, { handle: '-LEADING', hosts: EXT }), InvalidValue);
      await fails(() => create(a, { handle: 'WITH SPACE', hosts: EXT }), InvalidValue);
      await fails(() => create(a, { handle: 'X'.repeat(31), hosts: EXT }), InvalidValue);
      await fails(() => create(a, { handle: 'regd-n42', hosts: EXT }), InvalidValue);
      await fails(() => create(a, { handle: '', hosts: EXT }), MissingParameter);
    });

    test('failure: 2 to 10 distinct, valid hosts', async () => {
      const a = await newAccount(engine);
      const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `ns${i}.many.example` }));
      await fails(() => create(a, { hosts: [EXT[0]!] }), InvalidNameServerCount);
      await fails(() => create(a, { hosts: eleven }), InvalidNameServerCount);
      await fails(() => create(a, { hosts: [EXT[0]!, { name: 'NS1.cz-hoster.example' }] }), InvalidValue);
      await fails(() => create(a, { hosts: [EXT[0]!, { name: 'bad_host.example' }] }), InvalidHostName);
      await fails(() => create(a, { hosts: [EXT[0]!, 'ns2.x.example' as unknown as { name: string }] }), InvalidValue);
      await fails(() => create(a, { hosts: undefined as unknown as [] }), InvalidValue);
    });

    test('failure: glue required in the registry, not allowed outside it', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'nsset-noglue.cz');
      await fails(() => create(a, { hosts: [EXT[0]!, { name: 'ns1.nsset-noglue.cz' }] }), GlueRequired);
      // a host under a .cz domain not registered here resolves on its own
      await create(a, { hosts: [EXT[0]!, { name: 'ns1.nowhere-registered.cz' }] });
      await fails(() => create(a, { hosts: [EXT[0]!, { name: 'ns2.cz-hoster.example', addresses: ['192.0.2.1'] }] }), GlueNotAllowed);
    });

    test('failure: tech contact of another account', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const theirs = await newContact(engine, b);
      await fails(() => create(a, { hosts: EXT, techContactId: theirs.id }), ContactNotFound);
    });

    test('failure: another account\'s NSSET is not found', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const n = await create(a, { hosts: EXT });
      await register(b, 'borrower.cz');
      await fails(() => engine.run(getNsset, { handle: n.handle }, { actor: b.actor }), NssetNotFound);
      await fails(() => engine.run(getNsset, { handle: 'NO-SUCH-NSSET' }, { actor: a.actor }), NssetNotFound);
      await fails(() => engine.run(setDomainNsset, { name: 'borrower.cz', handle: n.handle }, { actor: b.actor }), NssetNotFound);
    });

    test('failure: NSSET for a domain outside .cz, or another account\'s domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'not-czech.com');
      await register(a, 'czech-mine.cz');
      const n = await create(a, { hosts: EXT });
      await fails(() => engine.run(setDomainNsset, { name: 'not-czech.com', handle: n.handle }, { actor: a.actor }), InvalidValue);
      await fails(() => engine.run(setDomainNsset, { name: 'czech-mine.cz', handle: n.handle }, { actor: b.actor }), DomainNotFound);
    });

    test('failure: an NSSET host under the domain itself whose glue is not this account\'s', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'glue-moved.cz');
      await engine.run(createHost, { name: 'ns1.glue-moved.cz', addresses: ['192.0.2.1'] }, { actor: a.actor });
      const n = await create(a, { hosts: [{ name: 'ns1.glue-moved.cz' }, EXT[0]!] });
      // as if the host had stayed with a previous holder of the domain
      await engine.store.db.updateTable('hosts').set({ account_id: b.id }).where('name', '=', 'ns1.glue-moved.cz').execute();
      await fails(() => engine.run(setDomainNsset, { name: 'glue-moved.cz', handle: n.handle }, { actor: a.actor }), GlueRequired);
    });
  });
}
