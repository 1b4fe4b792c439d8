import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { countingTransactions, StatementCounter } from '../../../../test/support/statement-counter.ts';
import { minutes } from '../../clock.ts';
import { DomainNotFound, InvalidDomainName } from '../../errors/index.ts';
import { createFlowRunner } from '../../run-flow.ts';
import { getAccount } from '../accounts/get-account.ts';
import { listContacts } from '../contacts/list-contacts.ts';
import { addRecord } from '../dns/add-record.ts';
import { listRecords } from '../dns/list-records.ts';
import { createHost } from '../hosts/create-host.ts';
import { getDomainNsset } from '../hosts/get-domain-nsset.ts';
import { listDomainHosts } from '../hosts/list-hosts.ts';
import { getAuthCode } from './get-auth-code.ts';
import { requestTransfer } from '../transfers/request-transfer.ts';
import { listTransfers } from '../transfers/list-transfers.ts';
import { getDomain } from './get-domain.ts';
import { getDomainExtras, type DomainExtrasInclude } from './get-domain-extras.ts';
import { registerDomain } from './register-domain.ts';

const START = '2026-01-15T10:00:00Z';
const ALL: DomainExtrasInclude = { transferringOut: true, records: true, account: true, contacts: true, nsset: true, nameServers: true };

for (const backend of BACKENDS) {
  describe(`${backend}: getDomainExtras`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    /** What the separate flows answer for the same questions. */
    async function expected(a: TestAccount, name: string) {
      const domain = await engine.run(getDomain, { name }, { actor: a.actor });
      const transfers = await engine.run(listTransfers, { direction: 'outgoing' }, { actor: a.actor });
      const account = await engine.run(getAccount, {}, { actor: a.actor });
      const { items } = await engine.run(listContacts, {}, { actor: a.actor });
      const role = (r: string) => {
        const c = items.find((x) => x.domains.some((u) => u.domain === domain.name && u.role === r));
        if (c === undefined) return null;
        const { domains: _uses, ...view } = c;
        return view;
      };
      const nsset = await engine.run(getDomainNsset, { name }, { actor: a.actor });
      return {
        domain,
        transferringOut: transfers.items.some((t) => t.status === 'pending' && t.domain === domain.name),
        records: domain.serviceMode === 'regd_dns' ? (await engine.run(listRecords, { name }, { actor: a.actor })).records : null,
        account: { balances: account.balances, domainCount: account.domainCount },
        contacts: { registrant: role('registrant'), admin: role('admin'), tech: role('tech'), billing: role('billing') },
        nssetHandle: nsset?.handle ?? null,
        nameServers: (await engine.run(listDomainHosts, { name }, { actor: a.actor })).nameServers,
      };
    }

    function counted() {
      const counter = new StatementCounter();
      let opened = 0;
      const runner = createFlowRunner({ db: countingTransactions(engine.store.db.withPlugin(counter), () => opened++), clock: engine.clock, policy: engine.policy });
      return { runner, statements: () => counter.count, transactions: () => opened };
    }

    test('success: one statement answers what getDomain, listTransfers, listRecords, getAccount, listContacts, getDomainNsset and listDomainHosts do', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const owner = await newContact(engine, a);
      const admin = await newContact(engine, a, { email: 'admin@example.test' });
      await engine.run(registerDomain, { name: 'extras-one.com', contacts: { registrant: owner.id, admin: admin.id } }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'extras-two.com' }, { actor: a.actor });
      await engine.run(addRecord, { name: 'extras-one.com', record: { name: 'www', type: 'A', value: '192.0.2.1' } }, { actor: a.actor });
      await engine.run(addRecord, { name: 'extras-one.com', record: { name: 'mail', type: 'A', value: '192.0.2.2' }, staged: true }, { actor: a.actor });
      const c = counted();
      const got = await c.runner.run(getDomainExtras, { name: 'EXTRAS-one.com', include: ALL }, { actor: a.actor });
      assert.equal(c.statements(), 1);
      assert.equal(c.transactions(), 0);
      assert.deepEqual(got, await expected(a, 'extras-one.com'));
      assert.equal(got.records?.length, 1, 'the staged addition is not published yet');
      assert.equal(got.account?.domainCount, 2);
      assert.equal(got.contacts?.registrant?.id, owner.id);
      assert.equal(got.contacts?.admin?.id, admin.id);
      // Only what is asked is read: nothing beside the domain, or the contacts of some roles (WAPI domain-info's two).
      assert.deepEqual(await engine.run(getDomainExtras, { name: 'extras-one.com' }, { actor: a.actor }), { domain: got.domain });
      const two = await engine.run(getDomainExtras, { name: 'extras-one.com', include: { contacts: ['registrant', 'admin'] } }, { actor: a.actor });
      assert.deepEqual(two, { domain: got.domain, contacts: { registrant: got.contacts!.registrant, admin: got.contacts!.admin } });
      // WAPI domain-info's: the registrant whole, the admin's handle alone; an empty role's handle is null.
      const wapi = await engine.run(getDomainExtras, { name: 'extras-one.com', include: { contacts: ['registrant'], contactHandles: ['admin', 'tech'] } }, { actor: a.actor });
      assert.deepEqual(wapi, { domain: got.domain, contacts: { registrant: got.contacts!.registrant }, contactHandles: { admin: got.contacts!.admin!.handle, tech: null } });
    });

    test('success: a domain on other name servers has no records, and its delegation carries the glue of host objects', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'extras-glue.com' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.extras-glue.com', addresses: ['192.0.2.53', '2001:db8::53'] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'extras-ns.com', nameServers: ['ns1.extras-glue.com', 'ns2.example.net'] }, { actor: a.actor });
      const got = await engine.run(getDomainExtras, { name: 'extras-ns.com', include: ALL }, { actor: a.actor });
      assert.deepEqual(got, await expected(a, 'extras-ns.com'));
      assert.equal(got.records, null);
      assert.deepEqual(got.nameServers, [{ name: 'ns1.extras-glue.com', addresses: ['192.0.2.53', '2001:db8::53'] }, { name: 'ns2.example.net', addresses: [] }]);
    });

    test('success: a pending transfer out shows until it completes', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'extras-leaving.com' }, { actor: a.actor });
      engine.clock.advance(minutes(61 * 24 * 60));
      assert.equal((await engine.run(getDomainExtras, { name: 'extras-leaving.com', include: ALL }, { actor: a.actor })).transferringOut, false);
      const { authCode } = await engine.run(getAuthCode, { name: 'extras-leaving.com' }, { actor: a.actor });
      await engine.run(requestTransfer, { name: 'extras-leaving.com', authCode }, { actor: b.actor });
      const got = await engine.run(getDomainExtras, { name: 'extras-leaving.com', include: ALL }, { actor: a.actor });
      assert.equal(got.transferringOut, true);
      assert.deepEqual(got, await expected(a, 'extras-leaving.com'));
    });

    test('a zone whose auto-commit is due is committed first, in a transaction, as listRecords does', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'extras-due.com' }, { actor: a.actor });
      await engine.run(addRecord, { name: 'extras-due.com', record: { name: 'www', type: 'A', value: '192.0.2.1' }, staged: true }, { actor: a.actor });
      engine.clock.advance(minutes(6));
      const c = counted();
      const got = await c.runner.run(getDomainExtras, { name: 'extras-due.com', include: { records: true } }, { actor: a.actor });
      assert.equal(c.transactions(), 1);
      assert.deepEqual(got.records?.map((r) => [r.name, r.value, r.state]), [['www', '192.0.2.1', 'live']]);
      const zone = await engine.store.db.selectFrom('dns_zones').select('auto_commit_at').where('domain_id', '=', got.domain.id).executeTakeFirstOrThrow();
      assert.equal(zone.auto_commit_at, null);
    });

    test('a read announces no commit (engine.commits: DNS and the sites\' mirror would poll the database); committing a due zone announces one', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'extras-quiet.com' }, { actor: a.actor });
      await engine.run(addRecord, { name: 'extras-quiet.com', record: { name: 'www', type: 'A', value: '192.0.2.1' }, staged: true }, { actor: a.actor });
      let announced = 0;
      const unsubscribe = engine.commits.subscribe(() => announced++);
      try {
        const got = await engine.run(getDomainExtras, { name: 'extras-quiet.com', include: ALL }, { actor: a.actor });
        assert.deepEqual(got.records, []); // the staged record is not published yet
        assert.equal(announced, 0);
        engine.clock.advance(minutes(6));
        const due = await engine.run(getDomainExtras, { name: 'extras-quiet.com', include: { records: true } }, { actor: a.actor });
        assert.deepEqual(due.records?.map((r) => [r.name, r.state]), [['www', 'live']]);
        assert.equal(announced, 1);
      } finally {
        unsubscribe();
      }
    });

    test('failure: another account\'s, an unknown and a malformed name', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine);
      await engine.run(registerDomain, { name: 'extras-private.com' }, { actor: a.actor });
      const run = (name: string) => () => engine.run(getDomainExtras, { name, include: ALL }, { actor: b.actor });
      await assertFailsAndChangesNothing(engine.store.db, run('extras-private.com'), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, run('extras-unknown.com'), DomainNotFound);
      await assertFailsAndChangesNothing(engine.store.db, run('not a name'), InvalidDomainName);
    });
  });
}
