import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import type { FlowContext } from '../../context.ts';
import { GlueRequired } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from '../domains/register-domain.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { createHost } from '../hosts/create-host.ts';
import { deleteHosts } from '../hosts/delete-host.ts';
import { listRecords } from '../dns/list-records.ts';
import { applyAccountDefaults, registrationTemplateKeys } from './apply-account-defaults.ts';
import { setDefaultSetting, type SetDefaultSettingInput } from './set-default-setting.ts';

const REGD_DNS = { serviceMode: 'regd_dns', nameServers: [], forwardUrl: null, forwardKind: null, forwardTitle: null, parkingWithAds: null, hostingType: null } as const;

/** What registerDomain does once the lead wires the defaults in: register, then apply what the request did not set. */
async function registerWithDefaults(ctx: FlowContext, input: RegisterDomainInput): Promise<DomainView> {
  const { domain } = await registerDomain(ctx, input);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', domain.id).executeTakeFirstOrThrow();
  return toDomainView(await applyAccountDefaults(ctx, row, registrationTemplateKeys(input)), ctx.policy, ctx.now);
}

for (const backend of BACKENDS) {
  describe(`${backend}: applyAccountDefaults at registration`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const set = (a: TestAccount, input: SetDefaultSettingInput) => engine.run(setDefaultSetting, input, { actor: a.actor });
    const register = (a: TestAccount, input: RegisterDomainInput) => engine.run(registerWithDefaults, input, { actor: a.actor });
    const plain = async (a: TestAccount, name: string) => (await engine.run(registerDomain, { name }, { actor: a.actor })).domain;
    const internalId = async (number: number) =>
      (await engine.store.db.selectFrom('contacts').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;

    test('success: a fresh registration takes every default: contacts, renew option, e-mail forward, name servers', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      await set(a, { key: 'contacts', value: { registrant: c.id, admin: c.id, tech: c.id, billing: c.id } });
      await set(a, { key: 'renewOption', value: 'donot' });
      await set(a, { key: 'emailForward', value: { type: 'mx', mx: [{ host: 'mx.mail.example', distance: 10 }] } });
      await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] });
      const baseline = await plain(a, 'no-defaults-baseline.com');
      const d = await register(a, { name: 'with-defaults.com' });
      const id = await internalId(c.id);
      assert.deepEqual(d, {
        ...baseline,
        id: d.id,
        name: 'with-defaults.com',
        unicodeName: 'with-defaults.com',
        orderId: d.orderId,
        autoRenew: false,
        renewOption: 'donot',
        serviceMode: 'custom_ns',
        nameServers: ['ns1.provider.example', 'ns2.provider.example'],
        contacts: { registrant: id, admin: id, tech: id, billing: id },
        emailForward: { type: 'mx', mx: [{ host: 'mx.mail.example', distance: 10 }] },
      });
    });

    test('success: explicit registration settings win; contacts fill only the empty roles', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const c = await newContact(engine, a);
      await set(a, { key: 'contacts', value: { registrant: c.id, billing: c.id } });
      await set(a, { key: 'renewOption', value: 'donot' });
      await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] });
      const d = await register(a, { name: 'explicit-wins.com', parking: { withAds: false }, autoRenew: true });
      assert.deepEqual(
        { serviceMode: d.serviceMode, parkingWithAds: d.parkingWithAds, nameServers: d.nameServers, renewOption: d.renewOption, autoRenew: d.autoRenew },
        { serviceMode: 'parking', parkingWithAds: false, nameServers: [], renewOption: 'auto', autoRenew: true },
      );
      const id = await internalId(c.id);
      assert.deepEqual(d.contacts, { registrant: id, admin: null, tech: null, billing: id });

      // A role the domain already has keeps its contact.
      const other = await newContact(engine, a, { name: 'Already There' });
      const row = await engine.store.db.selectFrom('domains').selectAll().where('name', '=', 'explicit-wins.com').executeTakeFirstOrThrow();
      const withRegistrant = { ...row, registrant_contact_id: await internalId(other.id) };
      await engine.store.db.updateTable('domains').set({ registrant_contact_id: withRegistrant.registrant_contact_id }).where('id', '=', row.id).execute();
      const after = await engine.run((ctx: FlowContext) => applyAccountDefaults(ctx, withRegistrant, ['renewOption', 'nameServers']), undefined, { actor: a.actor });
      assert.deepEqual(
        [after.registrant_contact_id, after.billing_contact_id, after.service_mode, after.renew_option],
        [withRegistrant.registrant_contact_id, id, 'parking', 'auto'],
      );
    });

    test('success: a DNS default publishes its records; a service default switches the mode', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await set(a, { key: 'dns', value: { ttl: 600, records: [{ type: 'A', name: '@', value: '192.0.2.7' }, { type: 'CNAME', name: 'www', value: 'with-dns.com' }] } });
      const d = await register(a, { name: 'with-dns.com' });
      assert.equal(d.serviceMode, 'regd_dns');
      const zone = await engine.run(listRecords, { name: 'with-dns.com' }, { actor: a.actor });
      assert.deepEqual(zone.records.map(({ id: _id, ...r }) => r), [
        { name: '@', type: 'A', ttl: 600, value: '192.0.2.7', priority: null, weight: null, port: null, flags: null, tag: null, state: 'live' },
        { name: 'www', type: 'CNAME', ttl: 600, value: 'with-dns.com', priority: null, weight: null, port: null, flags: null, tag: null, state: 'live' },
      ]);

      await set(a, { key: 'service', value: { forward: { url: 'https://landing.example/', kind: 'permanent' } } });
      const f = await register(a, { name: 'with-forward.com' });
      assert.deepEqual(
        { serviceMode: f.serviceMode, forwardUrl: f.forwardUrl, forwardKind: f.forwardKind },
        { serviceMode: 'forward', forwardUrl: 'https://landing.example/', forwardKind: 'permanent' },
      );
    });

    test('success: a registration still pending at the registry takes its defaults; an NSSET TLD skips name servers', async () => {
      const a = await newAccount(engine, { depositEur: '200.00' });
      await set(a, { key: 'renewOption', value: 'donot' });
      await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] });
      const cn = await register(a, { name: 'pending-defaults.cn' });
      assert.deepEqual([cn.state, cn.serviceMode, cn.nameServers, cn.renewOption], ['pending_create', 'custom_ns', ['ns1.provider.example', 'ns2.provider.example'], 'donot']);
      const cz = await register(a, { name: 'nsset-defaults.cz' });
      assert.deepEqual(cz, { ...cz, ...REGD_DNS, renewOption: 'donot', autoRenew: false });
    });

    test('success: no defaults leaves the registration as it was', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'no-defaults-here.com' });
      const stored = await engine.store.db.selectFrom('domains').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
      assert.deepEqual(d, toDomainView(stored, engine.policy, engine.clock.now()));
      assert.deepEqual([d.serviceMode, d.renewOption, d.emailForward], ['regd_dns', 'auto', { type: 'donot' }]);
    });

    test('failure: a default the new domain cannot take (its glue host deleted since) fails the whole registration', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await plain(a, 'glue-parent.com');
      await engine.run(createHost, { name: 'ns1.glue-parent.com', addresses: ['192.0.2.53'] }, { actor: a.actor });
      await set(a, { key: 'nameServers', value: ['ns1.glue-parent.com', 'ns2.provider.example'] });
      await engine.run(deleteHosts, { names: ['ns1.glue-parent.com'] }, { actor: a.actor });
      await assertFailsAndChangesNothing(engine.store.db, () => register(a, { name: 'loses-glue.com' }), GlueRequired);
    });
  });
}
