/**
 * domain-info and domains-list over real HTTP: the whole `data.domain`
 * object, HIDDEN values under privacy, NSSETs, statuses through the
 * lifecycle (deleted entries, pending transfers), the status filter, and
 * other accounts' domains.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createHost, createNsset, deleteDomain, getAuthCode, modifyDomain, registerDomain, requestTransfer, type ContactView, type Engine,
} from '../../../src/core/index.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { assertCode, assertResponse, assertUnchanged, call, domainOf, expected, newContactOf, wapiAccount, ymd, type Wapi } from './domain-support.ts';
import { resultText } from './domain-texts.ts';

function ownFields(c: ContactView) {
  return {
    own_company: c.organization, own_name: `${c.firstName} ${c.lastName}`, own_lname: c.lastName, own_fname: c.firstName,
    own_email: c.email, own_email2: '', own_phone: c.phone, own_fax: '', own_ic: '', own_dic: '', own_taxpayer: '0',
    own_addr_street: c.address1, own_addr_city: c.city, own_addr_zip: c.postcode, own_addr_country: c.country, own_addr_state: '',
  };
}

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI domain-info and domains-list`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let w: Wapi;
    let owner: ContactView;
    let admin: ContactView;
    const db = () => t.services.store.db;

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      w = await wapiAccount(engine, t.url);
      owner = await newContactOf(engine, w);
      admin = await newContactOf(engine, w, { firstName: 'Eva', organization: '', email: 'eva@example.cz' });
    });
    after(async () => t.close());

    test('domain-info: the whole domain object of a delegated .com (glue shown), owner and admin contacts', async () => {
      await engine.run(registerDomain, { name: 'info-full.com', nameServers: ['ns1.info-ns.example', 'ns2.info-ns.example'], contacts: { registrant: owner.id, admin: admin.id } }, { actor: w.actor });
      const d = await domainOf(engine, w, 'info-full.com');
      assertResponse(await call(w, 'domain-info', { name: 'INFO-FULL.com' }), expected('domain-info', 1000, resultText(1000), {
        domain: {
          name: 'info-full.com',
          status: 'active',
          owner_c: owner.handle,
          nsset: '',
          reg_owner: 'REGD',
          reg_creator: 'REGD',
          setup_date: ymd(d.createdAt),
          expiration: ymd(d.expiresAt),
          reg_update: '',
          updated_date: '',
          transfer_date: '',
          dns: { server1: { name: 'ns1.info-ns.example' }, server2: { name: 'ns2.info-ns.example' } },
          ...ownFields(owner),
          admin_c: admin.handle,
          own_other: { notify_email: '', ident_type: '', ident: '' },
        },
      }));
    });

    test('domain-info: glue addresses of in-bailiwick servers; regd\'s own servers; a changed domain shows reg_update', async () => {
      await engine.run(registerDomain, { name: 'info-glue.net' }, { actor: w.actor });
      await engine.run(createHost, { name: 'ns1.info-glue.net', addresses: ['192.0.2.7', '2001:db8::7'] }, { actor: w.actor });
      const before = await call(w, 'domain-info', { name: 'info-glue.net' });
      const domain0 = (before.data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([domain0.dns, domain0.owner_c, domain0.own_name, domain0.own_other], [
        { server1: { name: 'ns1.regd.test' }, server2: { name: 'ns2.regd.test' } }, '', '', { notify_email: '', ident_type: '', ident: '' },
      ]);
      assert.equal((await call(w, 'domain-update-ns', { name: 'info-glue.net', dns: { server1: { name: 'ns1.info-glue.net' }, server2: { name: 'ns2.other.example' } } })).code, 1000);
      const d = await domainOf(engine, w, 'info-glue.net');
      const domain = ((await call(w, 'domain-info', { name: 'info-glue.net' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([domain.dns, domain.reg_update, domain.updated_date], [
        { server1: { name: 'ns1.info-glue.net', addr_ip4: '192.0.2.7', addr_ip6: '2001:db8::7' }, server2: { name: 'ns2.other.example' } },
        'REGD', ymd(d.updatedAt),
      ]);
    });

    test('domain-info: HIDDEN values under full and partial privacy', async () => {
      await engine.run(registerDomain, { name: 'info-private.com', contacts: { registrant: owner.id }, privacy: 'full' }, { actor: w.actor });
      const full = ((await call(w, 'domain-info', { name: 'info-private.com' })).data as { domain: Record<string, unknown> }).domain;
      const H = 'HIDDEN';
      assert.deepEqual(Object.fromEntries(Object.entries(full).filter(([k]) => k.startsWith('own_'))), {
        own_company: H, own_name: H, own_lname: H, own_fname: H, own_email: H, own_email2: H, own_phone: H, own_fax: H, own_ic: H, own_dic: H,
        own_taxpayer: H, own_addr_street: H, own_addr_city: H, own_addr_zip: H, own_addr_country: 'CZ', own_addr_state: H,
        own_other: { notify_email: H, ident_type: H, ident: H },
      });
      await engine.run(modifyDomain, { name: 'info-private.com', privacy: 'partial' }, { actor: w.actor });
      const partial = ((await call(w, 'domain-info', { name: 'info-private.com' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual(Object.fromEntries(Object.entries(partial).filter(([k]) => k.startsWith('own_'))), {
        ...ownFields(owner), own_email: H, own_email2: H, own_phone: H, own_fax: H, own_ic: H, own_dic: H, own_addr_street: H, own_addr_zip: H,
        own_other: { notify_email: H, ident_type: H, ident: H },
      });
    });

    test('domain-info (.cz): the NSSET handle; WEDOS on regd\'s own servers; the NSSET\'s hosts as dns', async () => {
      await engine.run(createNsset, { handle: 'INFO-NSSET', hosts: [{ name: 'ns1.cz-info.example' }, { name: 'ns2.cz-info.example' }] }, { actor: w.actor });
      await engine.run(registerDomain, { name: 'info-nsset.cz', nsset: 'INFO-NSSET' }, { actor: w.actor });
      await engine.run(registerDomain, { name: 'info-default.cz' }, { actor: w.actor });
      const a = ((await call(w, 'domain-info', { name: 'info-nsset.cz' })).data as { domain: Record<string, unknown> }).domain;
      const b = ((await call(w, 'domain-info', { name: 'info-default.cz' })).data as { domain: Record<string, unknown> }).domain;
      assert.deepEqual([a.nsset, a.dns], ['INFO-NSSET', { server1: { name: 'ns1.cz-info.example' }, server2: { name: 'ns2.cz-info.example' } }]);
      assert.deepEqual([b.nsset, b.dns], ['WEDOS', { server1: { name: 'ns1.regd.test' }, server2: { name: 'ns2.regd.test' } }]);
    });

    test('domain-info: another account\'s domain and an unknown name are 3223; invalid names 2202 / 2201; nothing changes', async () => {
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'info-foreign.com' }, { actor: other.actor });
      await assertUnchanged(db(), async () => {
        assertResponse(await call(w, 'domain-info', { name: 'info-foreign.com' }), expected('domain-info', 3223, resultText(3223)));
        assertCode(await call(w, 'domain-info', { name: 'nobody-has-this.com' }), 3223);
        assertCode(await call(w, 'domain-info', { name: 'bad..name.com' }), 2202);
        assertCode(await call(w, 'domain-info', { name: 'name.invalidtld' }), 2201);
        assertCode(await call(w, 'domain-info', {}), 2100);
      });
    });

    test('domains-list: every entry keyed "0", "1", … by name; deleted registrations stay; the status filter; pending transfers', async () => {
      const l = await wapiAccount(engine, t.url);
      const other = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'list-incoming.com' }, { actor: other.actor });
      await ops(t.url, 'clock advance', { duration: '61d' }); // past the .com transfer lock after creation
      await engine.run(registerDomain, { name: 'list-b.com' }, { actor: l.actor });
      await engine.run(registerDomain, { name: 'list-a.com' }, { actor: l.actor });
      await engine.run(registerDomain, { name: 'list-gone.com' }, { actor: l.actor });
      await engine.run(deleteDomain, { name: 'list-gone.com' }, { actor: l.actor }); // inside add grace: released at once
      await engine.run(registerDomain, { name: 'list-gone.com' }, { actor: l.actor });
      await engine.run(registerDomain, { name: 'list-cancelled.de' }, { actor: l.actor });
      await engine.run(deleteDomain, { name: 'list-cancelled.de' }, { actor: l.actor }); // no add grace: redemption
      const { authCode } = await engine.run(getAuthCode, { name: 'list-incoming.com' }, { actor: other.actor });
      await engine.run(requestTransfer, { name: 'list-incoming.com', authCode }, { actor: l.actor });

      assertResponse(await call(l, 'domains-list'), expected('domains-list', 1000, resultText(1000), {
        domain: {
          0: { name: 'list-a.com', status: 'active' },
          1: { name: 'list-b.com', status: 'active' },
          2: { name: 'list-cancelled.de', status: 'cancelled' },
          3: { name: 'list-gone.com', status: 'deleted' },
          4: { name: 'list-gone.com', status: 'active' },
          5: { name: 'list-incoming.com', status: 'transfer_processing' },
        },
      }));
      // XML: the "0", "1", … entries become one repeated <domain> element each.
      const xml = await call(l, 'domains-list', { status: 'active' }, { format: 'xml' });
      assert.deepEqual(xml.data, { domain: [{ name: 'list-a.com', status: 'active' }, { name: 'list-b.com', status: 'active' }, { name: 'list-gone.com', status: 'active' }] });
      assert.deepEqual((await call(l, 'domains-list', { status: 'deleted' })).data, { domain: { 0: { name: 'list-gone.com', status: 'deleted' } } });
      assert.deepEqual((await call(l, 'domains-list', { status: 'fee_waiting' })).data, { domain: {} });
      assertCode(await call(l, 'domains-list', { status: 'actif' }), 2101);
      // The losing side still lists the domain as its own until the transfer completes.
      assert.deepEqual((await call(other, 'domains-list')).data, { domain: { 0: { name: 'list-incoming.com', status: 'active' } } });
    });

    test('domain-info: a deleted (released) domain of the account is 3222; expired and cancelled statuses through the lifecycle', async () => {
      const l = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'info-released.com' }, { actor: l.actor });
      await engine.run(deleteDomain, { name: 'info-released.com' }, { actor: l.actor });
      assertCode(await call(l, 'domain-info', { name: 'info-released.com' }), 3222);
      await engine.run(registerDomain, { name: 'info-expiring.com', autoRenew: false }, { actor: l.actor });
      await ops(t.url, 'clock advance', { duration: '366d' });
      assert.equal(((await call(l, 'domain-info', { name: 'info-expiring.com' })).data as { domain: Record<string, unknown> }).domain.status, 'expired');
      await ops(t.url, 'clock advance', { duration: '46d' }); // redemption after expiry
      assert.equal(((await call(l, 'domain-info', { name: 'info-expiring.com' })).data as { domain: Record<string, unknown> }).domain.status, 'expired');
    });
  });
}
