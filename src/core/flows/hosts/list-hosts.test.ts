import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { DomainNotFound, NotAuthorizedOperation } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from './create-host.ts';
import { listDomainHosts, listHosts, listHostsUnderDomain } from './list-hosts.ts';
import { setDomainNameServers } from './set-domain-name-servers.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: listHosts, listDomainHosts, listHostsUnderDomain`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string) => engine.run(registerDomain, { name }, { actor: a.actor });
    const create = (a: TestAccount, name: string, addresses?: string[]) => engine.run(createHost, { name, addresses }, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);

    test('success: an account lists only its own hosts, by id', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'list-own.com');
      const h1 = await create(a, 'ns2.list-own.com', ['192.0.2.2']);
      const h2 = await create(a, 'ns1.list-own.com', ['192.0.2.1', '2001:db8::1']);
      await create(b, 'ns.list-other.example');
      const h3 = await create(a, 'ns.list-ext.example');
      assert.deepEqual(await engine.run(listHosts, {}, { actor: a.actor }), [h1, h2, h3]);
      assert.deepEqual(await engine.run(listHosts, { accountId: a.id }, { actor: OPERATOR }), [h1, h2, h3]);
      assert.deepEqual(await engine.run(listHosts, {}, { actor: (await newAccount(engine)).actor }), []);
    });

    test('success: a domain\'s delegation with glue, and the hosts under it', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'get-ns.com');
      await register(b, 'their-hoster.com');
      const own = await create(a, 'ns1.get-ns.com', ['192.0.2.1', '2001:db8::1']);
      const spare = await create(a, 'spare.get-ns.com', ['192.0.2.9']);
      await create(b, 'ns.their-hoster.com', ['198.51.100.1']);
      await engine.run(setDomainNameServers, { name: 'get-ns.com', nameServers: ['ns1.get-ns.com', 'ns.their-hoster.com', 'ns.outside.example'] }, { actor: a.actor });
      assert.deepEqual(await engine.run(listDomainHosts, { name: 'GET-NS.com' }, { actor: a.actor }), {
        domain: 'get-ns.com',
        serviceMode: 'custom_ns',
        nameServers: [
          { name: 'ns1.get-ns.com', addresses: ['192.0.2.1', '2001:db8::1'] },
          { name: 'ns.their-hoster.com', addresses: ['198.51.100.1'] },
          { name: 'ns.outside.example', addresses: [] },
        ],
        hosts: [own, spare],
      });
      assert.deepEqual(await engine.run(listHostsUnderDomain, { name: 'get-ns.com' }, { actor: a.actor }), [own, spare]);
      assert.deepEqual(await engine.run(listHostsUnderDomain, { name: 'their-hoster.com' }, { actor: b.actor }),
        [(await engine.run(listHosts, {}, { actor: b.actor }))[0]]);
    });

    test('success: a domain on regd\'s own name servers has an empty delegation', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'on-regd.com');
      assert.deepEqual(await engine.run(listDomainHosts, { name: 'on-regd.com' }, { actor: a.actor }),
        { domain: 'on-regd.com', serviceMode: 'regd_dns', nameServers: [], hosts: [] });
    });

    test('failure: another account\'s domain is not found; the operator must name an account', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'private-ns.com');
      await fails(() => engine.run(listDomainHosts, { name: 'private-ns.com' }, { actor: b.actor }), DomainNotFound);
      await fails(() => engine.run(listHostsUnderDomain, { name: 'private-ns.com' }, { actor: b.actor }), DomainNotFound);
      await fails(() => engine.run(listHostsUnderDomain, { name: 'never-registered.com' }, { actor: a.actor }), DomainNotFound);
      await fails(() => engine.run(listHosts, {}, { actor: OPERATOR }), NotAuthorizedOperation);
    });
  });
}
