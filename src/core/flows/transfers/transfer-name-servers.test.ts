/** Name servers named with a transfer: checked at request time, kept while pending, set when the domain arrives. */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { SYSTEM } from '../../context.ts';
import {
  GlueRequired, HostInUse, InvalidHostName, InvalidNameServerCount, InvalidValue, NameServerAwaitsTransfer,
} from '../../errors/index.ts';
import { getDomain } from '../domains/get-domain.ts';
import { getAuthCode } from '../domains/get-auth-code.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from '../hosts/create-host.ts';
import { deleteHosts } from '../hosts/delete-host.ts';
import { setDomainNameServers } from '../hosts/set-domain-name-servers.ts';
import { completeDueTransfers } from './complete-due-transfers.ts';
import { approveTransfer, declineTransfer } from './decide-transfer.ts';
import { listTransfers } from './list-transfers.ts';
import { requestTransfer } from './request-transfer.ts';

const START = '2026-01-15T10:00:00Z';
/** .com forbids transfers for 60 days after registration. */
const PAST_COM_LOCK = days(61);
/** Outside the TLDs regd offers, or under a .com nobody holds here: no glue needed. */
const OUTSIDE = ['ns1.provider.nl', 'ns2.nobody-holds-this.com'];

for (const backend of BACKENDS) {
  describe(`${backend}: transfer name servers`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    beforeEach(() => engine.clock.set(START));
    after(async () => engine.store.close());

    const setUp = (name: string, opts: { losingNameServers?: string[] } = {}) => setUpDomain(engine, name, opts);
    const request = (a: TestAccount, name: string, authCode: string, nameServers?: unknown) =>
      engine.run(requestTransfer, { name, authCode, ...(nameServers !== undefined ? { nameServers } : {}) } as never, { actor: a.actor });
    const delegationOf = async (a: TestAccount, name: string) => {
      const d = await engine.run(getDomain, { name }, { actor: a.actor });
      return { serviceMode: d.serviceMode, nameServers: d.nameServers, nssetId: d.nssetId };
    };

    test('success: a pending transfer keeps the servers, shows them, holds their hosts in use, and sets them on approval', async () => {
      const { losing, gaining, authCode } = await setUp('ns-later.com', { losingNameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'] });
      await engine.run(registerDomain, { name: 'gainers-own.com' }, { actor: gaining.actor });
      await engine.run(createHost, { name: 'ns.gainers-own.com', addresses: ['192.0.2.7'] }, { actor: gaining.actor });
      const servers = ['NS.Gainers-Own.com', ...OUTSIDE];

      const r = await request(gaining, 'ns-later.com', authCode, servers);
      const wanted = ['ns.gainers-own.com', ...OUTSIDE];
      assert.equal(r.transfer.status, 'pending');
      assert.deepEqual(r.transfer.nameServers, wanted);
      const row = await engine.store.db.selectFrom('transfers').select('name_servers').where('number', '=', r.transfer.number).executeTakeFirstOrThrow();
      assert.deepEqual(row.name_servers, wanted);
      // Both sides see them (a delegation is public).
      assert.deepEqual((await engine.run(listTransfers, {}, { actor: losing.actor })).items.map((i) => i.nameServers), [wanted]);
      // Unchanged until the domain arrives.
      assert.deepEqual(await delegationOf(losing, 'ns-later.com'), { serviceMode: 'custom_ns', nameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'], nssetId: null });
      // A host the transfer will delegate to is in use while it waits.
      await assertFailsAndChangesNothing(engine.store.db, () => engine.run(deleteHosts, { names: ['ns.gainers-own.com'] }, { actor: gaining.actor }), HostInUse);

      engine.clock.advance(days(1));
      const a = await engine.run(approveTransfer, { name: 'ns-later.com' }, { actor: losing.actor });
      assert.deepEqual(a.transfer.nameServers, wanted);
      assert.deepEqual(await delegationOf(gaining, 'ns-later.com'), { serviceMode: 'custom_ns', nameServers: wanted, nssetId: null });
    });

    test('success: an empty list gives regd\'s own name servers; omitted keeps the current ones', async () => {
      const own = await setUp('ns-regd.com', { losingNameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'] });
      const keep = await setUp('ns-keep.com', { losingNameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'] });

      const r = await request(own.gaining, 'ns-regd.com', own.authCode, []);
      assert.deepEqual(r.transfer.nameServers, []);
      const k = await request(keep.gaining, 'ns-keep.com', keep.authCode);
      assert.equal(k.transfer.nameServers, null);
      const row = await engine.store.db.selectFrom('transfers').select('name_servers').where('number', '=', k.transfer.number).executeTakeFirstOrThrow();
      assert.equal(row.name_servers, null);

      await engine.run(approveTransfer, { name: 'ns-regd.com' }, { actor: own.losing.actor });
      await engine.run(approveTransfer, { name: 'ns-keep.com' }, { actor: keep.losing.actor });
      assert.deepEqual(await delegationOf(own.gaining, 'ns-regd.com'), { serviceMode: 'regd_dns', nameServers: [], nssetId: null });
      assert.deepEqual(await delegationOf(keep.gaining, 'ns-keep.com'), { serviceMode: 'custom_ns', nameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'], nssetId: null });
    });

    test('success: a declined transfer sets nothing and frees its hosts', async () => {
      const { losing, gaining, authCode } = await setUp('ns-declined.com');
      await engine.run(registerDomain, { name: 'gainers-other.com' }, { actor: gaining.actor });
      await engine.run(createHost, { name: 'ns.gainers-other.com', addresses: ['192.0.2.8'] }, { actor: gaining.actor });
      await request(gaining, 'ns-declined.com', authCode, ['ns.gainers-other.com', OUTSIDE[0]]);
      await engine.run(declineTransfer, { name: 'ns-declined.com', reason: 'no' }, { actor: losing.actor });
      assert.deepEqual(await delegationOf(losing, 'ns-declined.com'), { serviceMode: 'regd_dns', nameServers: [], nssetId: null });
      assert.equal((await engine.run(deleteHosts, { names: ['ns.gainers-other.com'] }, { actor: gaining.actor })).length, 1);
    });

    test('success: a transfer that completes at once sets the servers at once, including glued hosts under the domain (they move with it)', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'ns-now.eu' }, { actor: losing.actor });
      await engine.run(createHost, { name: 'ns1.ns-now.eu', addresses: ['192.0.2.1'] }, { actor: losing.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'ns-now.eu' }, { actor: losing.actor });

      const r = await request(gaining, 'ns-now.eu', authCode, ['ns1.ns-now.eu', OUTSIDE[0]]);
      assert.equal(r.transfer.status, 'completed');
      assert.deepEqual(r.transfer.nameServers, ['ns1.ns-now.eu', 'ns1.provider.nl']);
      assert.deepEqual(r.domain?.nameServers, ['ns1.ns-now.eu', 'ns1.provider.nl']);
      assert.deepEqual(await delegationOf(gaining, 'ns-now.eu'), { serviceMode: 'custom_ns', nameServers: ['ns1.ns-now.eu', 'ns1.provider.nl'], nssetId: null });
    });

    test('failure: invalid servers are refused at request time and nothing changes (pending and at-once transfers)', async () => {
      const { losing, gaining, authCode } = await setUp('ns-bad.com', { losingNameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'] });
      await engine.run(registerDomain, { name: 'ns-bad.eu' }, { actor: losing.actor });
      await engine.run(registerDomain, { name: 'someone-elses.com' }, { actor: losing.actor });
      const euCode = (await engine.run(getAuthCode, { name: 'ns-bad.eu' }, { actor: losing.actor })).authCode;
      const refused = (name: string, code: string, servers: unknown, errorClass: abstract new (...args: never[]) => Error) =>
        assertFailsAndChangesNothing(engine.store.db, () => request(gaining, name, code, servers), errorClass);

      for (const [name, code] of [['ns-bad.com', authCode], ['ns-bad.eu', euCode]] as const) {
        await refused(name, code, ['ns1 .bad', OUTSIDE[0]], InvalidHostName);
        await refused(name, code, [OUTSIDE[0]], InvalidNameServerCount);
        await refused(name, code, Array.from({ length: 14 }, (_, i) => `ns${i}.provider.nl`), InvalidNameServerCount);
        await refused(name, code, [OUTSIDE[0], 'NS1.provider.nl'], InvalidValue);
        await refused(name, code, 'ns1.provider.nl', InvalidValue);
        // Under a domain registered here: its host object with addresses must exist.
        await refused(name, code, ['ns.someone-elses.com', OUTSIDE[0]], GlueRequired);
      }
      // Under the domain itself: a pending transfer cannot carry its glue, even when the host exists.
      await engine.run(createHost, { name: 'ns1.ns-bad.com', addresses: ['192.0.2.9'] }, { actor: losing.actor });
      const e = await refused('ns-bad.com', authCode, ['ns1.ns-bad.com', OUTSIDE[0]], NameServerAwaitsTransfer);
      assert.equal(e.message, 'Name server ns1.ns-bad.com lies under ns-bad.com, whose transfer is pending: its glue can only be set once the domain has arrived, '
        + 'so set it with the domain\'s name servers then.');
      assert.deepEqual((e as NameServerAwaitsTransfer).details, { host: 'ns1.ns-bad.com', domain: 'ns-bad.com', param: 'nameserver' });
      // At once it needs an existing host with addresses.
      await refused('ns-bad.eu', euCode, ['ns1.ns-bad.eu', OUTSIDE[0]], GlueRequired);

      assert.deepEqual((await engine.run(listTransfers, {}, { actor: gaining.actor })).items, []);
      assert.deepEqual(await delegationOf(losing, 'ns-bad.com'), { serviceMode: 'custom_ns', nameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'], nssetId: null });
    });

    test('failure: an NSSET TLD (.cz) takes no name servers', async () => {
      const losing = await newAccount(engine, { depositEur: '100.00' });
      const gaining = await newAccount(engine, { depositEur: '50.00' });
      await engine.run(registerDomain, { name: 'ns-set.cz' }, { actor: losing.actor });
      const { authCode } = await engine.run(getAuthCode, { name: 'ns-set.cz' }, { actor: losing.actor });
      const e = await assertFailsAndChangesNothing(engine.store.db, () => request(gaining, 'ns-set.cz', authCode, OUTSIDE), InvalidValue);
      assert.equal(e.message, 'Invalid nameserver: .cz domains are delegated through an NSSET.');
    });
  });

  // The sweeper acts on every due transfer in the store: a store of its own.
  describe(`${backend}: transfer name servers on auto-approval`, () => {
    let engine: TestEngine;
    beforeEach(async () => {
      engine = await openTestEngine(backend, { start: START });
    });
    afterEach(async () => engine.store.close());

    test('success: the sweeper\'s auto-approval sets the servers named at request time', async () => {
      const { gaining, authCode } = await setUpDomain(engine, 'ns-auto.com', { losingNameServers: ['ns1.old-dns.nl', 'ns2.old-dns.nl'] });
      const r = await engine.run(requestTransfer, { name: 'ns-auto.com', authCode, nameServers: OUTSIDE }, { actor: gaining.actor });
      engine.clock.advance(days(5));
      assert.deepEqual(await engine.run(completeDueTransfers, {}, { actor: SYSTEM }), { completed: [r.transfer.number], failed: [] });
      const d = await engine.run(getDomain, { name: 'ns-auto.com' }, { actor: gaining.actor });
      assert.deepEqual([d.accountId, d.serviceMode, d.nameServers], [gaining.id, 'custom_ns', OUTSIDE]);
    });
  });
}

/** A .com registered by a new losing account (optionally delegated elsewhere), past its transfer lock, and a gaining account. */
async function setUpDomain(engine: TestEngine, name: string, opts: { losingNameServers?: string[] } = {}) {
  const losing = await newAccount(engine, { depositEur: '100.00' });
  const gaining = await newAccount(engine, { depositEur: '50.00' });
  await engine.run(registerDomain, { name }, { actor: losing.actor });
  if (opts.losingNameServers) await engine.run(setDomainNameServers, { name, nameServers: opts.losingNameServers }, { actor: losing.actor });
  const { authCode } = await engine.run(getAuthCode, { name }, { actor: losing.actor });
  engine.clock.advance(PAST_COM_LOCK);
  return { losing, gaining, authCode };
}
