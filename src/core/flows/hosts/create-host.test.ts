import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { OPERATOR } from '../../context.ts';
import { days } from '../../clock.ts';
import {
  AccountSuspended, GlueNotAllowed, GlueRequired, HostAlreadyExists, HostParentNotOwned, InvalidHostName, InvalidValue, MissingParameter,
} from '../../errors/index.ts';
import { setAccountStatus } from '../accounts/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost, type CreateHostInput } from './create-host.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: createHost`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = (a: TestAccount, name: string) => engine.run(registerDomain, { name }, { actor: a.actor });
    const create = (a: TestAccount, input: CreateHostInput) => engine.run(createHost, input, { actor: a.actor });
    const fails = (a: TestAccount, input: CreateHostInput, cls: abstract new (...x: never[]) => Error) =>
      assertFailsAndChangesNothing(engine.store.db, () => create(a, input), cls);

    test('success: glue host under an own domain, addresses canonical, IPv4 first, duplicates dropped', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'glue-one.com');
      const v = await create(a, { name: 'NS1.Glue-One.com.', addresses: ['2001:0DB8:0000:0000:0000:0000:0000:0001', '192.0.2.1', '2001:db8::1', '192.0.2.1', ' 198.51.100.7 '] });
      const now = engine.clock.now();
      assert.ok(v.id >= 1001);
      assert.deepEqual(v, {
        id: v.id, name: 'ns1.glue-one.com', addresses: ['192.0.2.1', '198.51.100.7', '2001:db8::1'],
        inBailiwick: true, domain: 'glue-one.com', createdAt: now,
      });
      const row = await engine.store.db.selectFrom('hosts').selectAll().where('number', '=', v.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.account_id, row.name, row.addresses], [a.id, 'ns1.glue-one.com', ['192.0.2.1', '198.51.100.7', '2001:db8::1']]);
    });

    test('success: IPv6 written in RFC 5952 form (longest zero run compressed, lower case)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'glue-six.net');
      const v = await create(a, { name: 'a.b.glue-six.net', addresses: ['2001:DB8:0:0:1:0:0:1', '2001:db8:0000:0001:0000:0000:0000:0000'] });
      assert.deepEqual([v.addresses, v.domain], [['2001:db8::1:0:0:1', '2001:db8:0:1::'], 'glue-six.net']);
    });

    test('success: a host outside the registry takes no addresses; IDN names stored as A-labels', async () => {
      const a = await newAccount(engine);
      const v = await create(a, { name: 'ns.Bücher.example' });
      const now = engine.clock.now();
      assert.deepEqual(v, { id: v.id, name: 'ns.xn--bcher-kva.example', addresses: [], inBailiwick: false, domain: null, createdAt: now });
    });

    test('success: the operator creates a host for a named account', async () => {
      const a = await newAccount(engine);
      const v = await engine.run(createHost, { accountId: a.id, name: 'ns1.operator.example' }, { actor: OPERATOR });
      const row = await engine.store.db.selectFrom('hosts').select('account_id').where('number', '=', v.id).executeTakeFirstOrThrow();
      assert.equal(row.account_id, a.id);
    });

    test('failure: glue required under a registry domain', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'glue-needed.com');
      await fails(a, { name: 'ns1.glue-needed.com' }, GlueRequired);
      await fails(a, { name: 'ns1.glue-needed.com', addresses: [] }, GlueRequired);
    });

    test('failure: glue not allowed outside the registry', async () => {
      const a = await newAccount(engine);
      await fails(a, { name: 'ns1.hoster.example', addresses: ['192.0.2.10'] }, GlueNotAllowed);
    });

    test('failure: parent domain of another account, unregistered or released', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(b, 'someone-else.com');
      await fails(a, { name: 'ns1.someone-else.com', addresses: ['192.0.2.1'] }, HostParentNotOwned);
      await fails(a, { name: 'ns1.nobody-has-this.com', addresses: ['192.0.2.1'] }, HostParentNotOwned);

      const later = await openTestEngine(backend);
      try {
        const c = await newAccount(later, { depositEur: '100.00' });
        await later.run(registerDomain, { name: 'lapsed.com' }, { actor: c.actor });
        later.clock.advance(days(365 + 45 + 30 + 5 + 1));
        await assertFailsAndChangesNothing(later.store.db,
          () => later.run(createHost, { name: 'ns1.lapsed.com', addresses: ['192.0.2.1'] }, { actor: c.actor }), HostParentNotOwned);
      } finally {
        await later.store.close();
      }
    });

    test('failure: duplicate host name, in this account or another', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await register(a, 'dup-host.com');
      await create(a, { name: 'ns1.dup-host.com', addresses: ['192.0.2.1'] });
      await create(a, { name: 'ns1.shared-hoster.example' });
      await fails(a, { name: 'NS1.dup-host.com', addresses: ['192.0.2.2'] }, HostAlreadyExists);
      await fails(b, { name: 'ns1.shared-hoster.example' }, HostAlreadyExists);
    });

    test('failure: malformed names and addresses', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, 'bad-input.com');
      const eleven = Array.from({ length: 11 }, (_, i) => `192.0.2.${i + 1}`);
      const cases: [CreateHostInput, abstract new (...x: never[]) => Error][] = [
        [{ name: undefined as unknown as string }, MissingParameter],
        [{ name: '' }, MissingParameter],
        [{ name: 'bad_host.example' }, InvalidHostName],
        [{ name: 'localhost' }, InvalidHostName],
        [{ name: 'ns1.bad-input.com', addresses: ['192.0.2.300'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['01.2.3.4'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['fe80::1%eth0'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['224.0.0.1'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['0.0.0.0'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['::'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: ['ff02::1'] }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: eleven }, InvalidValue],
        [{ name: 'ns1.bad-input.com', addresses: '192.0.2.1' as unknown as string[] }, InvalidValue],
      ];
      for (const [input, cls] of cases) await fails(a, input, cls);
      const ten = await create(a, { name: 'ns1.bad-input.com', addresses: [...eleven.slice(0, 10), '192.0.2.1'] });
      assert.equal(ten.addresses.length, 10);
    });

    test('failure: suspended account', async () => {
      const a = await newAccount(engine);
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await fails(a, { name: 'ns1.suspended.example' }, AccountSuspended);
    });

    test('concurrency: parallel creations of one name → one host, the rest HostAlreadyExists', async () => {
      const accounts = await Promise.all(Array.from({ length: 10 }, () => newAccount(engine)));
      const results = await Promise.allSettled(accounts.map((a) => create(a, { name: 'ns.contested.example' })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) {
        if (r.status === 'rejected') assert.ok(r.reason instanceof HostAlreadyExists, String(r.reason));
      }
      const rows = await engine.store.db.selectFrom('hosts').select('id').where('name', '=', 'ns.contested.example').execute();
      assert.equal(rows.length, 1);
    });
  });
}
