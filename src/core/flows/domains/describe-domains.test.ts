import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount } from '../../../../test/support/fixtures.ts';
import { JACK } from '../../../../test/support/contacts.ts';
import { CurrencyNotSupported, DomainNotFound } from '../../errors/index.ts';
import { createContact } from '../contacts/create-contact.ts';
import { createFolder } from '../folders/create-folder.ts';
import { moveDomainToFolder } from '../folders/move-domain-to-folder.ts';
import { getDomainDetails, listDomainDetails } from './describe-domains.ts';
import { getDomain } from './get-domain.ts';
import { listTldPrices } from './list-tld-prices.ts';
import { registerDomain } from './register-domain.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: getDomainDetails, listDomainDetails, listTldPrices`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    test('success: contacts by public number, folder by public number and name, the same view getDomain gives', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const contact = await engine.run(createContact, JACK, { actor: a.actor });
      await engine.run(registerDomain, { name: 'details-a.com', contacts: { registrant: contact.id, tech: contact.id } }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'details-b.com' }, { actor: a.actor });
      const folder = await engine.run(createFolder, { name: 'Shop' }, { actor: a.actor });
      await engine.run(moveDomainToFolder, { name: 'details-a.com', folderId: folder.id }, { actor: a.actor });

      const d = await engine.run(getDomainDetails, { name: 'DETAILS-A.com' }, { actor: a.actor });
      assert.deepEqual(d.domain, await engine.run(getDomain, { name: 'details-a.com' }, { actor: a.actor }));
      assert.deepEqual(d.contacts, { registrant: contact.id, admin: null, tech: contact.id, billing: null });
      assert.deepEqual(d.folder, { id: folder.id, name: 'Shop' });
      assert.equal(d.resellerHold, false);
      assert.equal(d.forSale, false);

      const list = await engine.run(listDomainDetails, {}, { actor: a.actor });
      assert.equal(list.total, 2);
      assert.deepEqual(list.items.map((i) => [i.domain.name, i.folder?.name ?? null]), [['details-a.com', 'Shop'], ['details-b.com', null]]);
      assert.deepEqual(list.items[0], d);
      const page = await engine.run(listDomainDetails, { offset: 1, limit: 1 }, { actor: a.actor });
      assert.deepEqual([page.total, page.items.map((i) => i.domain.name)], [2, ['details-b.com']]);
    });

    test('failure: another account\'s domain is not found, and its contacts never show', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'details-other.com' }, { actor: a.actor });
      await assert.rejects(engine.run(getDomainDetails, { name: 'details-other.com' }, { actor: b.actor }), DomainNotFound);
      assert.deepEqual((await engine.run(listDomainDetails, {}, { actor: b.actor })).items, []);
    });

    test('success: the price list in one currency, per TLD with periods, graces and IDN support', async () => {
      const usd = await engine.run(listTldPrices, { currency: 'usd' }, { actor: (await newAccount(engine)).actor });
      const com = usd.find((p) => p.tld === 'com')!;
      assert.deepEqual(com.prices, { register: 1099, renew: 1299, transfer: 1099, restore: 8900 });
      assert.equal(com.currency, 'USD');
      assert.deepEqual(com.graceDays, { add: 5, autoRenew: 45 });
      assert.equal(com.idn, true);
      assert.ok(usd.every((p) => p.currency === 'USD'));
      assert.deepEqual(usd.map((p) => p.tld), [...usd.map((p) => p.tld)].sort((x, y) => x.localeCompare(y)));
    });

    test('failure: a currency no TLD is priced in', async () => {
      const a = await newAccount(engine);
      await assert.rejects(engine.run(listTldPrices, { currency: 'JPY' }, { actor: a.actor }), CurrencyNotSupported);
      await assert.rejects(engine.run(listTldPrices, { currency: 'dollars' }, { actor: a.actor }), /INVALID_VALUE|three-letter/);
    });
  });
}
