import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { DomainNotFound } from '../../errors/index.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createNsset } from './create-nsset.ts';
import { getDomainNsset } from './get-domain-nsset.ts';
import { getNsset } from './get-nsset.ts';
import { setDomainNameServers } from './set-domain-name-servers.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: getDomainNsset`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: the NSSET a domain is delegated through; null on regd DNS and after a change of name servers', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(createNsset, { handle: 'DOMAIN-NSSET', hosts: [{ name: 'ns1.nsset-host.example' }, { name: 'ns2.nsset-host.example' }] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'by-nsset.cz', nsset: 'domain-nsset' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'on-regd.cz' }, { actor: a.actor });
      const nsset = await engine.run(getNsset, { handle: 'DOMAIN-NSSET' }, { actor: a.actor });
      assert.deepEqual(await engine.run(getDomainNsset, { name: 'BY-NSSET.cz' }, { actor: a.actor }), nsset);
      assert.equal(await engine.run(getDomainNsset, { name: 'on-regd.cz' }, { actor: a.actor }), null);
      await engine.run(setDomainNameServers, { name: 'by-nsset.cz', nameServers: [] }, { actor: a.actor });
      assert.equal(await engine.run(getDomainNsset, { name: 'by-nsset.cz' }, { actor: a.actor }), null);
    });

    test('failure: another account\'s domain is DomainNotFound', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'not-yours.cz' }, { actor: a.actor });
      await assert.rejects(engine.run(getDomainNsset, { name: 'not-yours.cz' }, { actor: b.actor }), DomainNotFound);
    });
  });
}
