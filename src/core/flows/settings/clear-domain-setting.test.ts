import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../../../../test/support/backends.ts';
import { assertFailsAndChangesNothing } from '../../../../test/support/snapshot.ts';
import { newAccount, type TestAccount } from '../../../../test/support/fixtures.ts';
import { days } from '../../clock.ts';
import { DomainNotFound, DomainStatusProhibits, InvalidDomainName, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { registerDomain, type RegisterDomainInput } from '../domains/register-domain.ts';
import { getDomain } from '../domains/get-domain.ts';
import { replaceZone } from '../dns/replace-zone.ts';
import { listRecords } from '../dns/list-records.ts';
import { clearDomainSetting, type DomainClearService } from './clear-domain-setting.ts';
import { setEmailForward } from './set-email-forward.ts';

const REGD_DNS = {
  serviceMode: 'regd_dns', nameServers: [], forwardUrl: null, forwardKind: null, forwardTitle: null, parkingWithAds: null, hostingType: null, nssetId: null,
} as const;
const NAME_SERVERS = ['ns1.provider.example', 'ns2.provider.example'];

for (const backend of BACKENDS) {
  describe(`${backend}: clearDomainSetting`, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await openTestEngine(backend);
    });
    after(async () => engine.store.close());

    const register = async (a: TestAccount, input: RegisterDomainInput) => (await engine.run(registerDomain, input, { actor: a.actor })).domain;
    const clear = (a: TestAccount, names: readonly string[], service: DomainClearService) => engine.run(clearDomainSetting, { names, service }, { actor: a.actor });
    const view = (a: TestAccount, name: string) => engine.run(getDomain, { name }, { actor: a.actor });
    const fails = (fn: () => Promise<unknown>, cls: abstract new (...x: never[]) => Error) => assertFailsAndChangesNothing(engine.store.db, fn, cls);

    test('success: forward and stealth go back to regd\'s name servers; other modes stay', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const fwd = await register(a, { name: 'clear-fwd.com', forward: { url: 'https://x.example/', kind: 'temporary' } });
      const stealth = await register(a, { name: 'clear-stealth.com', forward: { url: 'https://y.example/', kind: 'cloak', title: 'Y' } });
      const parked = await register(a, { name: 'clear-parked.com', parking: { withAds: true } });
      const at = engine.clock.advance(days(1));
      const r = await clear(a, ['clear-stealth.com', 'CLEAR-FWD.com', 'clear-parked.com', 'clear-fwd.com'], 'forward');
      assert.deepEqual(r, { service: 'forward', domains: [{ ...fwd, ...REGD_DNS, updatedAt: at }, parked, stealth] });
      const s = await clear(a, ['clear-stealth.com'], 'stealth');
      assert.deepEqual(s, { service: 'stealth', domains: [{ ...stealth, ...REGD_DNS, updatedAt: at }] });
      assert.deepEqual(await view(a, 'clear-parked.com'), parked);
    });

    test('success: nameservers goes back to regd\'s own name servers', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'clear-ns.com', nameServers: NAME_SERVERS });
      assert.equal(d.serviceMode, 'custom_ns');
      const at = engine.clock.advance(days(1));
      assert.deepEqual(await clear(a, ['clear-ns.com'], 'nameservers'), { service: 'nameservers', domains: [{ ...d, ...REGD_DNS, updatedAt: at }] });
    });

    test('success: dns removes the hosted records; a domain not on regd\'s DNS is left as it is', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const hosted = await register(a, { name: 'clear-dns.com' });
      const delegated = await register(a, { name: 'clear-dns-elsewhere.com', nameServers: NAME_SERVERS });
      await engine.run(replaceZone, { name: 'clear-dns.com', records: [{ type: 'A', name: '@', value: '192.0.2.1' }, { type: 'TXT', name: 'x', value: 'y' }] }, { actor: a.actor });
      const r = await clear(a, ['clear-dns.com', 'clear-dns-elsewhere.com'], 'dns');
      assert.deepEqual(r, { service: 'dns', domains: [delegated, hosted] });
      assert.deepEqual((await engine.run(listRecords, { name: 'clear-dns.com', includeStaged: true }, { actor: a.actor })).records, []);
    });

    test('success: email_forwarding goes back to no forwarding', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const d = await register(a, { name: 'clear-mail.com' });
      await engine.run(setEmailForward, { name: 'clear-mail.com', forward: { type: 'forward', aliases: [{ user: '*', to: 'me@example.org' }] } }, { actor: a.actor });
      const at = engine.clock.advance(days(1));
      assert.deepEqual(await clear(a, ['clear-mail.com'], 'email_forwarding'), {
        service: 'email_forwarding',
        domains: [{ ...d, updatedAt: at, emailForward: { type: 'donot' } }],
      });
    });

    test('failure: all or nothing: one name of another account (or unknown) clears none', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      const b = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'clear-mine-1.com', nameServers: NAME_SERVERS });
      await register(a, { name: 'clear-mine-2.com', nameServers: NAME_SERVERS });
      await register(b, { name: 'clear-theirs.com', nameServers: NAME_SERVERS });
      await fails(() => clear(a, ['clear-mine-1.com', 'clear-theirs.com', 'clear-mine-2.com'], 'nameservers'), DomainNotFound);
      await fails(() => clear(a, ['clear-mine-1.com', 'clear-nobody.com'], 'nameservers'), DomainNotFound);
      await fails(() => clear(a, ['clear-mine-1.com', 'not a name'], 'nameservers'), InvalidDomainName);
    });

    test('failure: a pending registration in the list, no names, too many names, unknown service', async () => {
      const a = await newAccount(engine, { depositEur: '100.00' });
      await register(a, { name: 'clear-ok.com' });
      await register(a, { name: 'clear-pending.cn' });
      await fails(() => clear(a, ['clear-ok.com', 'clear-pending.cn'], 'email_forwarding'), DomainStatusProhibits);
      await fails(() => clear(a, [], 'dns'), MissingParameter);
      await fails(() => clear(a, Array.from({ length: 101 }, (_, i) => `clear-many-${i}.com`), 'dns'), InvalidValue);
      await fails(() => clear(a, ['clear-ok.com'], 'parking' as never), InvalidValue);
    });
  });
}
