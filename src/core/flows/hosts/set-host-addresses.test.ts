import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import {
  ConflictingParameters, GlueNotAllowed, GlueRequired, HostNotFound, HostParentNotOwned, InvalidValue, MissingParameter,
} from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from './create-host.ts';
import { setHostAddresses, type SetHostAddressesInput } from './set-host-addresses.ts';
import { upsertHost, type UpsertHostInput } from './upsert-host.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: setHostAddresses and upsertHost`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string) => engine.run(registerDomain, { name }, { actor: a.actor });
    const glueHost = async (a: TestAccount, domain: string, addresses = ['192.0.2.1']) => {
      await register(a, domain);
      return engine.run(createHost, { name: `ns1.${domain}`, addresses }, { actor: a.actor });
    };
    const setIps = (a: TestAccount, input: SetHostAddressesInput) => engine.run(setHostAddresses, input, { actor: a.actor });
    const upsert = (a: TestAccount, input: UpsertHostInput) => engine.run(upsertHost, input, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);

    test('success: replaces the addresses by id or by name; an unchanged list writes nothing', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const h = await glueHost(a, 'set-ips.com');
      engine.clock.advance(days(1));
      const v = await setIps(a, { hostId: h.id, addresses: ['2001:DB8::53', '198.51.100.53'] });
      assert.deepEqual(v, { ...h, addresses: ['198.51.100.53', '2001:db8::53'] });
      engine.clock.advance(days(1));
      assert.deepEqual(await setIps(a, { name: 'NS1.set-ips.com', addresses: ['198.51.100.53', '2001:db8:0::53'] }), v);
    });

    test('success: upsert creates, then updates the same host', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'upsert.com');
      const created = await upsert(a, { name: 'ns1.upsert.com', addresses: ['192.0.2.7'], domain: 'upsert.com' });
      const now = engine.clock.now();
      assert.deepEqual(created, {
        created: true,
        host: { id: created.host.id, name: 'ns1.upsert.com', addresses: ['192.0.2.7'], inBailiwick: true, domain: 'upsert.com', createdAt: now },
      });
      engine.clock.advance(days(2));
      const updated = await upsert(a, { name: 'ns1.upsert.com', addresses: ['192.0.2.8'], domain: 'UPSERT.com' });
      assert.deepEqual(updated, { created: false, host: { ...created.host, addresses: ['192.0.2.8'] } });
    });

    test('failure: another account\'s host is not found; unknown id and name too', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      const h = await glueHost(a, 'not-yours.com');
      await fails(() => setIps(b, { hostId: h.id, addresses: ['192.0.2.9'] }), HostNotFound);
      await fails(() => setIps(b, { name: h.name, addresses: ['192.0.2.9'] }), HostNotFound);
      await fails(() => setIps(a, { hostId: 999_999_999, addresses: ['192.0.2.9'] }), HostNotFound);
      await fails(() => setIps(a, { name: 'ns9.not-yours.com', addresses: ['192.0.2.9'] }), HostNotFound);
    });

    test('failure: glue rules hold on update', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const h = await glueHost(a, 'keep-glue.com');
      const ext = await engine.run(createHost, { name: 'ns1.external.example' }, { actor: a.actor });
      await fails(() => setIps(a, { hostId: h.id, addresses: [] }), GlueRequired);
      await fails(() => setIps(a, { hostId: ext.id, addresses: ['192.0.2.1'] }), GlueNotAllowed);
      await fails(() => setIps(a, { hostId: h.id, addresses: ['not-an-ip'] }), InvalidValue);
    });

    test('failure: the parent domain left the account', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      const h = await glueHost(a, 'moved-away.com');
      await engine.store.db.updateTable('domains').set({ account_id: b.id }).where('name', '=', 'moved-away.com').execute();
      await fails(() => setIps(a, { hostId: h.id, addresses: ['192.0.2.99'] }), HostParentNotOwned);
      await fails(() => upsert(a, { name: h.name, addresses: ['192.0.2.99'] }), HostParentNotOwned);
    });

    test('failure: the host must be named exactly once', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const h = await glueHost(a, 'which-one.com');
      await fails(() => setIps(a, { hostId: h.id, name: h.name, addresses: ['192.0.2.1'] }), ConflictingParameters);
      await fails(() => setIps(a, { addresses: ['192.0.2.1'] }), MissingParameter);
      await fails(() => setIps(a, { hostId: -1, addresses: ['192.0.2.1'] }), InvalidValue);
    });

    test('failure: upsert of another account\'s host, or a host outside the named domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      const h = await glueHost(a, 'upsert-owned.com');
      await register(b, 'upsert-other.com');
      // Another account's host is refused as a free name under its domain would be: its existence is not revealed.
      await fails(() => upsert(b, { name: h.name, addresses: ['192.0.2.2'] }), HostParentNotOwned);
      await fails(() => upsert(b, { name: 'ns1.upsert-owned.com', addresses: ['192.0.2.2'], domain: 'upsert-other.com' }), InvalidValue);
      await fails(() => upsert(b, { name: 'ns2.upsert-owned.com', addresses: ['192.0.2.2'] }), HostParentNotOwned);
      await fails(() => upsert(b, { name: 'ns2.upsert-other.com', addresses: [] }), GlueRequired);
    });
  });
}
