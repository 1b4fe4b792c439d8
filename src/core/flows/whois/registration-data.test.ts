import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { days } from '../../clock.ts';
import { SYSTEM } from '../../context.ts';
import { InvalidDomainName, InvalidHostName, InvalidValue, UnsupportedTld } from '../../errors/index.ts';
import { deleteDomain } from '../domains/delete-domain.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { modifyDomain } from '../domains/modify-domain.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from '../hosts/create-host.ts';
import { requestTransfer } from '../transfers/request-transfer.ts';
import { lookupContactEntity } from './lookup-contact-entity.ts';
import { lookupNameServer } from './lookup-name-server.ts';
import { lookupRegistration } from './lookup-registration.ts';
import { searchRegistrations } from './search-registrations.ts';
import { eppStatusesOf, redactedFields } from './registration-view.ts';

const OWN = [{ name: 'ns1.regd.test', addresses: ['127.0.0.1'] }, { name: 'ns2.regd.test', addresses: [] }];

for (const backend of BACKENDS) {
  describe(`${backend}: published registration data`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: '2026-03-10T10:00:00Z' });
    });
    after(async () => engine.store.close());
    const look = (name: string) => engine.run(lookupRegistration, { name, ownNameServers: OWN }, { actor: SYSTEM });

    test('statuses follow the lifecycle: add period, ok, lock, pending transfer, auto-renew grace, redemption; released reads undefined', async () => {
      const a = await newAccount(engine, { depositEur: '500.00' });
      const b = await newAccount(engine, { depositEur: '500.00' });
      await engine.run(registerDomain, { name: 'life-cycle.com' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'deleted-one.com' }, { actor: a.actor });
      assert.deepEqual((await look('life-cycle.com'))!.statuses, ['addPeriod']);
      engine.clock.advance(days(61));
      assert.deepEqual((await look('life-cycle.com'))!.statuses, ['ok']);
      await engine.run(modifyDomain, { name: 'life-cycle.com', locked: true }, { actor: a.actor });
      assert.deepEqual((await look('life-cycle.com'))!.statuses, ['clientTransferProhibited']);
      await engine.run(modifyDomain, { name: 'life-cycle.com', locked: false }, { actor: a.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'life-cycle.com' }, { actor: a.actor });
      await engine.run(requestTransfer, { name: 'life-cycle.com', authCode }, { actor: b.actor });
      assert.deepEqual((await look('life-cycle.com'))!.statuses, ['pendingTransfer']);

      await engine.run(deleteDomain, { name: 'deleted-one.com' }, { actor: a.actor });
      assert.deepEqual((await look('deleted-one.com'))!.statuses, ['redemptionPeriod', 'pendingDelete']);
      engine.clock.advance(days(400));
      const expired = await look('deleted-one.com');
      assert.equal(expired, undefined);
      await engine.run(registerDomain, { name: 'expiring.com' }, { actor: a.actor });
      engine.clock.advance(days(366));
      const grace = await look('expiring.com');
      assert.equal(grace?.state, 'expired');
      assert.deepEqual(grace?.statuses, ['autoRenewPeriod']);
      assert.deepEqual(eppStatusesOf({ state: 'pending_delete', inAddGrace: false, locked: false, pendingTransfer: false }), ['pendingDelete']);
      assert.deepEqual(eppStatusesOf({ state: 'pending_create', inAddGrace: true, locked: true, pendingTransfer: false }), ['clientTransferProhibited', 'pendingCreate', 'addPeriod']);
    });

    test('record: any spelling of the name, contacts by role redacted by privacy, delegation with glue, regd\'s own name servers otherwise', async () => {
      const a = await newAccount(engine, { depositEur: '500.00' });
      const jack = await newContact(engine, a);
      await engine.run(registerDomain, { name: 'glue-here.com', contacts: { registrant: jack.id, tech: jack.id } }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.glue-here.com', addresses: ['192.0.2.1'] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'delegated-data.com', nameServers: ['ns1.glue-here.com', 'ns.elsewhere.example'], privacy: 'full', contacts: { registrant: jack.id } }, { actor: a.actor });
      const r = (await look('GLUE-HERE.com.'))!;
      assert.equal(r.name, 'glue-here.com');
      assert.match(r.roid, /^\d+_DOMAIN_COM-REGD$/);
      assert.deepEqual(r.nameServers, [{ name: 'ns1.regd.test', unicodeName: 'ns1.regd.test', addresses: ['127.0.0.1'] }, { name: 'ns2.regd.test', unicodeName: 'ns2.regd.test', addresses: [] }]);
      assert.deepEqual(r.contacts.map((c) => c.role), ['registrant', 'tech']);
      assert.deepEqual(r.contacts[0], {
        role: 'registrant', handle: jack.handle, name: 'Jack Slater', organization: '', street: ['1 Free Way'], city: 'Los Angeles', state: 'CA',
        postcode: '90068', country: 'US', phone: '+1.5555555233', fax: '', email: 'jack@example.com', redacted: [],
      });
      const d = (await look('delegated-data.com'))!;
      assert.deepEqual(d.nameServers.map((n) => [n.name, n.addresses]), [['ns1.glue-here.com', ['192.0.2.1']], ['ns.elsewhere.example', []]]);
      assert.deepEqual(d.contacts[0], {
        role: 'registrant', handle: null, name: null, organization: null, street: null, city: null, state: 'CA', postcode: null, country: 'US',
        phone: null, fax: null, email: null, redacted: ['handle', 'name', 'organization', 'street', 'city', 'postcode', 'phone', 'fax', 'email'],
      });
      assert.deepEqual(redactedFields('partial'), ['street', 'postcode', 'phone', 'fax', 'email']);
      assert.equal(await look('never-registered.com'), undefined);
      await assert.rejects(look('-bad-.com'), InvalidDomainName);
      await assert.rejects(look('example.invalidtld'), UnsupportedTld);

      // Name servers: a host object, regd's own, one only named in a delegation, an unknown one.
      const ns = (name: string) => engine.run(lookupNameServer, { name, ownNameServers: OWN }, { actor: SYSTEM });
      assert.deepEqual({ ...(await ns('NS1.glue-here.com'))!, handle: 'H', createdAt: null }, { name: 'ns1.glue-here.com', unicodeName: 'ns1.glue-here.com', handle: 'H', addresses: ['192.0.2.1'], kind: 'host', createdAt: null });
      assert.equal((await ns('ns1.regd.test'))!.kind, 'own');
      assert.equal((await ns('ns.elsewhere.example'))!.kind, 'external');
      assert.equal(await ns('ns.nowhere.example'), undefined);
      await assert.rejects(ns('bad..name'), InvalidHostName);

      // A contact is published while a live domain uses it, redacted by the strictest privacy among them.
      const e = (await engine.run(lookupContactEntity, { handle: jack.handle.toLowerCase() }, { actor: SYSTEM }))!;
      assert.deepEqual([e.handle, e.roles, e.privacy, e.contact.name], [jack.handle, ['registrant', 'tech'], 'full', null]);
      const unused = await newContact(engine, a);
      assert.equal(await engine.run(lookupContactEntity, { handle: unused.handle }, { actor: SYSTEM }), undefined);
    });

    test('search: prefix patterns, the limit, U-labels; bad patterns refused', async () => {
      const a = await newAccount(engine, { depositEur: '500.00' });
      for (const n of ['srch-one.com', 'srch-two.com', 'srch-three.net']) await engine.run(registerDomain, { name: n }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'bücher-srch.de' }, { actor: a.actor });
      const search = (pattern: string, limit = 10) => engine.run(searchRegistrations, { pattern, limit }, { actor: SYSTEM });
      assert.deepEqual(await search('srch-*.com'), { names: ['srch-one.com', 'srch-two.com'], truncated: false });
      assert.deepEqual(await search('SRCH-*'), { names: ['srch-one.com', 'srch-three.net', 'srch-two.com'], truncated: false });
      assert.deepEqual(await search('srch-*', 2), { names: ['srch-one.com', 'srch-three.net'], truncated: true });
      assert.deepEqual(await search('srch-two.com'), { names: ['srch-two.com'], truncated: false });
      assert.deepEqual(await search('bücher-s*.de'), { names: ['xn--bcher-srch-9db.de'], truncated: false });
      // LIKE's own wildcards are literal (a Unicode pattern is matched as written).
      assert.deepEqual(await search('bü_*'), { names: [], truncated: false });
      assert.deepEqual(await search('bü%*'), { names: [], truncated: false });
      for (const bad of ['*', '*.com', 's*', 'a*b.com', 'srch*.c*m', 'sr ch*', 'srch_*', '']) await assert.rejects(search(bad), InvalidValue, bad);
    });
  });
}
