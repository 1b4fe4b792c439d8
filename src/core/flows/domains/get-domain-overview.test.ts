import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { StatementCounter } from '../../../../test/support/statement-counter.ts';
import { days } from '../../clock.ts';
import { OPERATOR } from '../../context.ts';
import { AccountSuspended, DomainNotFound } from '../../errors/index.ts';
import { createFlowRunner } from '../../run-flow.ts';
import { setAccountStatus } from '../accounts/set-account-status.ts';
import { createContact } from '../contacts/create-contact.ts';
import { listContacts } from '../contacts/list-contacts.ts';
import type { ContactRole, ContactView } from '../contacts/contact-view.ts';
import { createHost } from '../hosts/create-host.ts';
import { listDomainHosts } from '../hosts/list-hosts.ts';
import { getAuthCode } from './get-auth-code.ts';
import { getDomain } from './get-domain.ts';
import { getDomainOverview } from './get-domain-overview.ts';
import { registerDomain } from './register-domain.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: getDomainOverview`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const contact = (a: TestAccount, name: string) => engine.run(createContact, {
      name, address1: '1 Main St', city: 'Praha', postcode: '11000', country: 'CZ', phone: '+420.123456789', email: 'c@example.test',
    }, { actor: a.actor });

    /** What the separate flows answer: getDomain, listDomainHosts, getAuthCode, and the domain's uses in listContacts. */
    async function separately(a: TestAccount, name: string) {
      const domain = await engine.run(getDomain, { name }, { actor: a.actor });
      const { nameServers } = await engine.run(listDomainHosts, { name }, { actor: a.actor });
      const authCode = await engine.run(getAuthCode, { name }, { actor: a.actor }).then((r) => r.authCode, () => null);
      const contacts: Record<ContactRole, ContactView | null> = { registrant: null, admin: null, tech: null, billing: null };
      for (const { domains, ...c } of (await engine.run(listContacts, {}, { actor: a.actor })).items) {
        for (const use of domains) if (use.domain === name) contacts[use.role] = c;
      }
      return { domain, nameServers, authCode, contacts };
    }

    test('success: the domain, its delegation with glue, auth code and role contacts, as the separate flows read them, in one statement', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      const owner = await contact(a, 'Olga Owner');
      const tech = await contact(a, 'Tomas Tech');
      await engine.run(registerDomain, { name: 'overview-glue.com' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.overview-glue.com', addresses: ['192.0.2.7', '2001:db8::7'] }, { actor: a.actor });
      await engine.run(registerDomain, {
        name: 'overview.com', nameServers: ['ns1.overview-glue.com', 'ns.elsewhere.example'],
        contacts: { registrant: owner.id, admin: owner.id, tech: tech.id },
      }, { actor: a.actor });

      const counter = new StatementCounter();
      const runner = createFlowRunner({ db: engine.store.db.withPlugin(counter), clock: engine.clock, policy: engine.policy });
      const overview = await runner.run(getDomainOverview, { name: 'OVERVIEW.com' }, { actor: a.actor });
      assert.equal(counter.count, 1);
      assert.deepEqual(overview, await separately(a, 'overview.com'));
      assert.deepEqual(overview.nameServers, [
        { name: 'ns1.overview-glue.com', addresses: ['192.0.2.7', '2001:db8::7'] },
        { name: 'ns.elsewhere.example', addresses: [] },
      ]);
      assert.deepEqual(
        Object.fromEntries(Object.entries(overview.contacts).map(([role, c]) => [role, c?.id ?? null])),
        { registrant: owner.id, admin: owner.id, tech: tech.id, billing: null },
      );
      assert.deepEqual(overview.contacts.registrant, owner);
    });

    test('success: a domain in redemption shows no auth code (getAuthCode refuses it)', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'overview-redemption.fr' }, { actor: a.actor });
      engine.clock.advance(days(366));
      const overview = await engine.run(getDomainOverview, { name: 'overview-redemption.fr' }, { actor: a.actor });
      assert.equal(overview.domain.state, 'redemption');
      assert.equal(overview.authCode, null);
      assert.deepEqual(overview, await separately(a, 'overview-redemption.fr'));
    });

    test("failure: missing, another account's, or the caller suspended", async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'overview-theirs.com' }, { actor: a.actor });
      await assert.rejects(engine.run(getDomainOverview, { name: 'overview-none.com' }, { actor: a.actor }), DomainNotFound);
      await assert.rejects(engine.run(getDomainOverview, { name: 'overview-theirs.com' }, { actor: b.actor }), DomainNotFound);
      assert.equal((await engine.run(getDomainOverview, { accountId: a.id, name: 'overview-theirs.com' }, { actor: OPERATOR })).domain.name, 'overview-theirs.com');
      await engine.run(setAccountStatus, { accountId: a.id, status: 'suspended' }, { actor: OPERATOR });
      await assert.rejects(engine.run(getDomainOverview, { name: 'overview-theirs.com' }, { actor: a.actor }), AccountSuspended);
      await assert.rejects(engine.run(getAuthCode, { name: 'overview-theirs.com' }, { actor: a.actor }), AccountSuspended);
    });
  });
}
