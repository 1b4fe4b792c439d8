/**
 * The dialects show regd's own name servers as its DNS is configured
 * (`dns.nameServers`, `dns.ttl` in the configuration file), not the
 * built-in defaults: KifDom's name-servers and domain objects, WEDOS
 * domain-info `dns`.
 */
import { after, before, describe, test } from 'node:test';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerDomain, type Engine } from '../../src/core/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newAccount } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../server/support.ts';
import { assertBody, KifdomClient } from './kifdom/support.ts';
import { call, wapiAccount } from './wedos/domain-support.ts';
import assert from 'node:assert/strict';

const CONFIG = `dns:
  nameServers: [ns1.dns.registrar.example, ns2.dns.registrar.example, ns3.dns.registrar.example]
  ttl: 7200
`;

for (const backend of BACKENDS) {
  describe(`${backend}: regd's own name servers as configured, in every dialect`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'regd-own-ns-'));
      writeFileSync(join(dir, 'regd.yaml'), CONFIG);
      t = await startTestServer(backend, { argv: ['--config', join(dir, 'regd.yaml')] });
      engine = t.services.engine;
    });
    after(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('KifDom: a domain on regd\'s DNS lists the configured name servers, with the configured TTL', async () => {
      const a = await newAccount(engine, { depositEur: '100.00', password: 'own-ns password 1' });
      await engine.run(registerDomain, { name: 'own-ns.fr' }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'their-ns.fr', nameServers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'] }, { actor: a.actor });
      const api = new KifdomClient(t.url);
      const token = await api.login(a.email, 'own-ns password 1');
      const zone = (id: number, value: string) => ({ id, type: 'NS', name: '@', value, ttl: 7200 });
      const own = await api.call('GET', '/name-servers/own-ns.fr', { token });
      assertBody(own, 200, {
        meta: (own.body as { meta: unknown }).meta,
        data: [zone(1, 'ns1.dns.registrar.example'), zone(2, 'ns2.dns.registrar.example'), zone(3, 'ns3.dns.registrar.example')],
      });
      const theirs = await api.call('GET', '/domains/their-ns.fr', { token });
      assert.equal(theirs.status, 200);
      assert.deepEqual((theirs.body as { domain: { ns: unknown } }).domain.ns, [
        { id: 1, type: 'NS', name: null, data: 'ns1.elsewhere.example', priority: null, ttl: 7200 },
        { id: 2, type: 'NS', name: null, data: 'ns2.elsewhere.example', priority: null, ttl: 7200 },
      ]);
    });

    test('WEDOS: domain-info of a domain on regd\'s DNS shows the configured name servers', async () => {
      const w = await wapiAccount(engine, t.url);
      await engine.run(registerDomain, { name: 'own-ns-wapi.com' }, { actor: w.actor });
      const r = await call(w, 'domain-info', { name: 'own-ns-wapi.com' });
      assert.equal(r.code, 1000);
      assert.deepEqual(((r.data as { domain: { dns: unknown } }).domain).dns, {
        server1: { name: 'ns1.dns.registrar.example' }, server2: { name: 'ns2.dns.registrar.example' }, server3: { name: 'ns3.dns.registrar.example' },
      });
    });
  });
}
