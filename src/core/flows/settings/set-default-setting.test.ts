import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { newContact } from '../../../../test/support/contacts.ts';
import { OPERATOR } from '../../context.ts';
import {
  AccountNotFound, AccountSuspended, CnameConflict, ConflictingParameters, ContactNotFound, GlueRequired, HostNotFound, InvalidHostName,
  InvalidNameServerCount, InvalidRecordName, InvalidRecordTtl, InvalidRecordValue, InvalidValue, MissingParameter, NotAuthorizedOperation,
} from '../../errors/index.ts';
import { setAccountStatus } from '../accounts/set-account-status.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { createHost } from '../hosts/create-host.ts';
import { clearDefaultSetting } from './clear-default-setting.ts';
import { getDefaults } from './get-defaults.ts';
import { setDefaultSetting, type SetDefaultSettingInput } from './set-default-setting.ts';
import type { ClearableService } from './template-services.ts';

const FORWARD = { forward: { url: 'https://Target.example/path', kind: 'temporary' } } as const;
const STEALTH = { forward: { url: 'https://stealth.example/', kind: 'cloak', title: 'My page' } } as const;

for (const backend of BACKENDS) {
  describe(`${backend}: account defaults (setDefaultSetting, clearDefaultSetting, getDefaults)`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const set = (a: TestAccount, input: SetDefaultSettingInput) => engine.run(setDefaultSetting, input, { actor: a.actor });
    const clear = (a: TestAccount, service: ClearableService) => engine.run(clearDefaultSetting, { service }, { actor: a.actor });
    const get = (a: TestAccount) => engine.run(getDefaults, {}, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);
    const setRaw = (a: TestAccount, key: string, value: unknown) => set(a, { key, value } as never);

    test('success: every key is stored normalized; getDefaults returns the whole template', async () => {
      const a = await newAccount(engine);
      const c1 = await newContact(engine, a);
      const c2 = await newContact(engine, a, { name: 'Second Person' });
      assert.deepEqual(await get(a), { template: {} });
      await set(a, { key: 'contacts', value: { registrant: c1.id, admin: c2.id, tech: c2.id, billing: c1.id } });
      await set(a, { key: 'renewOption', value: 'donot' });
      await set(a, { key: 'emailForward', value: { type: 'forward', aliases: [{ user: ' Info ', to: 'me@example.org' }] } });
      const r = await set(a, { key: 'nameServers', value: ['NS1.Provider.example', 'ns2.provider.example'] });
      const expected = {
        contacts: { registrant: c1.id, admin: c2.id, tech: c2.id, billing: c1.id },
        renewOption: 'donot',
        emailForward: { type: 'forward', aliases: [{ user: 'info', to: 'me@example.org' }] },
        nameServers: ['ns1.provider.example', 'ns2.provider.example'],
      };
      assert.deepEqual(r, { template: expected });
      assert.deepEqual(await get(a), r);
    });

    test('success: name servers, service and DNS are one slot; the last one set wins', async () => {
      const a = await newAccount(engine);
      await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] });
      assert.deepEqual(await set(a, { key: 'service', value: FORWARD }), {
        template: { service: { forward: { url: 'https://target.example/path', kind: 'temporary' } } },
      });
      assert.deepEqual(await set(a, { key: 'service', value: STEALTH }), { template: { service: STEALTH } });
      assert.deepEqual(await set(a, { key: 'service', value: { parking: { withAds: false } } }), { template: { service: { parking: { withAds: false } } } });
      assert.deepEqual(await set(a, { key: 'service', value: { hosting: { type: 'Advanced', mobileView: true } } }), {
        template: { service: { hosting: { type: 'advanced', mobileView: true } } },
      });
      const dns = await set(a, {
        key: 'dns',
        value: {
          ttl: 600,
          records: [
            { type: 'a', name: '@', value: '192.0.2.1' },
            { type: 'MX', name: '@', value: 'Mail.Example.net.', priority: 10, ttl: 300 },
            { type: 'TXT', name: 'WWW', value: 'hello' },
          ],
        },
      });
      assert.deepEqual(dns, {
        template: {
          dns: {
            ttl: 600,
            records: [
              { type: 'A', name: '@', value: '192.0.2.1' },
              { type: 'MX', name: '@', value: 'mail.example.net', priority: 10, ttl: 300 },
              { type: 'TXT', name: 'www', value: 'hello' },
            ],
          },
        },
      });
      assert.deepEqual(await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] }), {
        template: { nameServers: ['ns1.provider.example', 'ns2.provider.example'] },
      });
    });

    test('success: a glue host under a registry domain is accepted once it exists with addresses', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'glue-default.com' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.glue-default.com', addresses: ['192.0.2.53'] }, { actor: a.actor });
      assert.deepEqual(await set(a, { key: 'nameServers', value: ['ns1.glue-default.com', 'ns.outside.example'] }), {
        template: { nameServers: ['ns1.glue-default.com', 'ns.outside.example'] },
      });
    });

    test('requireHostObjects: every name server must be a host object of the account', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      await engine.run(createHost, { name: 'ns1.own-hosts.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns2.own-hosts.example' }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns9.their-hosts.example' }, { actor: b.actor });
      assert.deepEqual(await set(a, { key: 'nameServers', value: ['ns1.own-hosts.example', 'NS2.own-hosts.example'], requireHostObjects: true }), {
        template: { nameServers: ['ns1.own-hosts.example', 'ns2.own-hosts.example'] },
      });
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.own-hosts.example', 'ns9.their-hosts.example'], requireHostObjects: true }), HostNotFound);
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.own-hosts.example', 'ns.nowhere.example'], requireHostObjects: true }), HostNotFound);
    });

    test('success: clear removes what each service names; clearing what is not set changes nothing', async () => {
      const a = await newAccount(engine);
      const c = await newContact(engine, a);
      await set(a, { key: 'contacts', value: { registrant: c.id } });
      await set(a, { key: 'renewOption', value: 'auto' });
      await set(a, { key: 'emailForward', value: { type: 'donot' } });
      await set(a, { key: 'service', value: STEALTH });
      assert.deepEqual(await clear(a, 'forward'), { template: { contacts: { registrant: c.id }, renewOption: 'auto', emailForward: { type: 'donot' }, service: STEALTH } });
      assert.deepEqual(await clear(a, 'stealth'), { template: { contacts: { registrant: c.id }, renewOption: 'auto', emailForward: { type: 'donot' } } });
      assert.deepEqual(await clear(a, 'whois'), { template: { renewOption: 'auto', emailForward: { type: 'donot' } } });
      assert.deepEqual(await clear(a, 'renew_option'), { template: { emailForward: { type: 'donot' } } });
      assert.deepEqual(await clear(a, 'email_forwarding'), { template: {} });
      await set(a, { key: 'service', value: { parking: { withAds: true } } });
      assert.deepEqual(await clear(a, 'hosting'), { template: { service: { parking: { withAds: true } } } });
      assert.deepEqual(await clear(a, 'parking'), { template: {} });
      await set(a, { key: 'service', value: { hosting: { type: 'basic' } } });
      assert.deepEqual(await clear(a, 'hosting'), { template: {} });
      await set(a, { key: 'dns', value: { records: [] } });
      assert.deepEqual(await clear(a, 'dns'), { template: {} });
      await set(a, { key: 'nameServers', value: ['ns1.provider.example', 'ns2.provider.example'] });
      assert.deepEqual(await clear(a, 'nameservers'), { template: {} });
      await set(a, { key: 'service', value: FORWARD });
      assert.deepEqual(await clear(a, 'forward'), { template: {} });

      const fresh = await newAccount(engine);
      const before = await engine.store.db.selectFrom('account_defaults').selectAll().execute();
      assert.deepEqual(await clear(fresh, 'dns'), { template: {} });
      assert.deepEqual(await engine.store.db.selectFrom('account_defaults').selectAll().execute(), before);
    });

    test('success: the operator names the account', async () => {
      const a = await newAccount(engine);
      await engine.run(setDefaultSetting, { accountId: a.id, key: 'renewOption', value: 'reset' }, { actor: OPERATOR });
      assert.deepEqual(await engine.run(getDefaults, { accountId: a.id }, { actor: OPERATOR }), { template: { renewOption: 'reset' } });
    });

    test('failure: contacts must be the account\'s own, numbers, known roles', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      const theirs = await newContact(engine, b);
      const mine = await newContact(engine, a);
      await fails(() => set(a, { key: 'contacts', value: { registrant: mine.id, billing: theirs.id } }), ContactNotFound);
      await fails(() => setRaw(a, 'contacts', { registrant: String(mine.id) }), InvalidValue);
      await fails(() => setRaw(a, 'contacts', { owner: mine.id }), InvalidValue);
      await fails(() => setRaw(a, 'contacts', { registrant: 0 }), InvalidValue);
      await fails(() => setRaw(a, 'contacts', {}), MissingParameter);
      await fails(() => setRaw(a, 'contacts', null), MissingParameter);
    });

    test('failure: name servers (host names, count, duplicates, glue)', async () => {
      const a = await newAccount(engine, { depositEur: '20.00' });
      await engine.run(registerDomain, { name: 'no-such-glue.com' }, { actor: a.actor });
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.provider.example', 'bad_host!.example'] }), InvalidHostName);
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.provider.example'] }), InvalidNameServerCount);
      await fails(() => set(a, { key: 'nameServers', value: Array.from({ length: 14 }, (_, i) => `ns${i}.provider.example`) }), InvalidNameServerCount);
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.provider.example', 'NS1.provider.example'] }), InvalidValue);
      await fails(() => set(a, { key: 'nameServers', value: ['ns1.no-such-glue.com', 'ns2.provider.example'] }), GlueRequired);
      await fails(() => setRaw(a, 'nameServers', 'ns1.provider.example'), InvalidValue);
    });

    test('failure: service (URL, kind, conflicting, parking flag, hosting type and mobile view, name servers inside)', async () => {
      const a = await newAccount(engine);
      await fails(() => set(a, { key: 'service', value: { forward: { url: 'ftp://x.example', kind: 'temporary' } } }), InvalidValue);
      await fails(() => setRaw(a, 'service', { forward: { url: 'https://x.example', kind: 'sideways' } }), InvalidValue);
      await fails(() => setRaw(a, 'service', { forward: { url: 'https://x.example', kind: 'permanent' }, parking: { withAds: true } }), ConflictingParameters);
      await fails(() => setRaw(a, 'service', { parking: { withAds: 'yes' } }), InvalidValue);
      await fails(() => setRaw(a, 'service', { hosting: { type: 42 } }), InvalidValue);
      await fails(() => set(a, { key: 'service', value: { hosting: { type: 'basic', mobileView: true } } }), InvalidValue);
      await fails(() => setRaw(a, 'service', { nameServers: ['ns1.provider.example'] }), InvalidValue);
      await fails(() => setRaw(a, 'service', {}), MissingParameter);
    });

    test('failure: DNS records (value, name, TTL, zone rules, size)', async () => {
      const a = await newAccount(engine);
      await fails(() => set(a, { key: 'dns', value: { records: [{ type: 'A', name: '@', value: '300.1.1.1' }] } }), InvalidRecordValue);
      await fails(() => set(a, { key: 'dns', value: { records: [{ type: 'A', name: 'www.elsewhere.example.', value: '192.0.2.1' }] } }), InvalidRecordName);
      await fails(() => set(a, { key: 'dns', value: { ttl: 5, records: [] } }), InvalidRecordTtl);
      await fails(() => set(a, { key: 'dns', value: { records: [{ type: 'CNAME', name: 'www', value: 'a.example' }, { type: 'A', name: 'www', value: '192.0.2.1' }] } }), CnameConflict);
      await fails(() => set(a, { key: 'dns', value: { records: Array.from({ length: 121 }, (_, i) => ({ type: 'A', name: `h${i}`, value: '192.0.2.1' })) } }), InvalidValue);
      await fails(() => setRaw(a, 'dns', { records: 'A @ 192.0.2.1' }), InvalidValue);
    });

    test('failure: renew option, e-mail forward, unknown key', async () => {
      const a = await newAccount(engine);
      await fails(() => setRaw(a, 'renewOption', 'sometimes'), InvalidValue);
      await fails(() => setRaw(a, 'emailForward', { type: 'bounce' }), InvalidValue);
      await fails(() => setRaw(a, 'privacy', 'full'), InvalidValue);
    });

    test('failure: unknown service name to clear', async () => {
      const a = await newAccount(engine);
      await set(a, { key: 'renewOption', value: 'auto' });
      await fails(() => engine.run(clearDefaultSetting, { service: 'privacy' as never }, { actor: a.actor }), InvalidValue);
    });

    test('failure: another account, no account named by the operator, a suspended account', async () => {
      const a = await newAccount(engine);
      const b = await newAccount(engine);
      await fails(() => engine.run(setDefaultSetting, { accountId: b.id, key: 'renewOption', value: 'auto' }, { actor: a.actor }), AccountNotFound);
      await fails(() => engine.run(getDefaults, { accountId: b.id }, { actor: a.actor }), AccountNotFound);
      await fails(() => engine.run(setDefaultSetting, { key: 'renewOption', value: 'auto' }, { actor: OPERATOR }), NotAuthorizedOperation);
      await engine.run(setAccountStatus, { accountId: b.id, status: 'suspended' }, { actor: OPERATOR });
      await fails(() => engine.run(setDefaultSetting, { key: 'renewOption', value: 'auto' }, { actor: b.actor }), AccountSuspended);
      await fails(() => engine.run(clearDefaultSetting, { service: 'dns' }, { actor: b.actor }), AccountSuspended);
    });
  });
}
