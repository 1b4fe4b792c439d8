/**
 * The lists whose documents show no paging answer at most 1,000 entries,
 * the first by name (issue 16: no single call does unbounded work): KifDom
 * GET /domains (meta.total still counts every domain) and WAPI domains-list.
 * Dynadot list_domain pages (count_per_page, page_index) and Freenom
 * domain/list too; their own tests cover that.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { accountActor, registerDomain, type Engine } from '../../src/core/index.ts';
import { DOMAINS_LIST_CAP as KIFDOM_CAP } from '../../src/dialects/kifdom/domain-details.ts';
import { DOMAINS_LIST_CAP as WAPI_CAP } from '../../src/dialects/wedos/commands/domain/domains-list.ts';
import { BACKENDS } from '../support/backends.ts';
import { newAccount } from '../support/fixtures.ts';
import { startTestServer, type TestServer } from '../server/support.ts';
import { KifdomClient } from './kifdom/support.ts';
import { newWapiAccount, WapiClient } from './wedos/support.ts';

const EXTRA = 5;

/** `count` more domains of the account, <prefix><NNNN>.com, in one statement (registrations one by one would take minutes). */
async function manyDomains(engine: Engine, accountId: number, template: string, count: number, prefix: string): Promise<void> {
  const cols = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'domains' and table_schema = current_schema()`.execute(engine.store.db);
  const copy = cols.rows.map((c) => c.column_name).filter((c) => !['id', 'name', 'unicode_name', 'auth_code'].includes(c));
  const list = sql.join(copy.map((c) => sql.ref(c)));
  await sql`insert into domains (name, unicode_name, auth_code, ${list})
    select ${prefix} || lpad(g::text, 4, '0') || '.com', ${prefix} || lpad(g::text, 4, '0') || '.com', 'Code' || g || 'x7', ${list}
    from domains, generate_series(1, ${count}) g where domains.name = ${template} and domains.account_id = ${accountId}`.execute(engine.store.db);
}

for (const backend of BACKENDS) {
  describe(`${backend}: lists without paging are capped`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
    });
    after(async () => t?.close());

    test(`KifDom GET /domains: the first ${KIFDOM_CAP} by name; meta.total counts them all`, async () => {
      const user = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'zzz-last.com' }, { actor: user.actor });
      await manyDomains(engine, user.id, 'zzz-last.com', KIFDOM_CAP + EXTRA - 1, 'a');
      const api = new KifdomClient(t.url);
      const token = await api.login(user.email, user.password);
      const res = await api.call('GET', '/domains', { token });
      assert.equal(res.status, 200);
      const body = res.body as { meta: { total: number }; data: { name: string }[] };
      assert.equal(body.meta.total, KIFDOM_CAP + EXTRA);
      assert.equal(body.data.length, KIFDOM_CAP);
      assert.deepEqual([body.data[0]!.name, body.data.at(-1)!.name], ['a0001.com', `a${String(KIFDOM_CAP).padStart(4, '0')}.com`]);
    });

    test(`WAPI domains-list: the first ${WAPI_CAP} registrations by name`, async () => {
      const acc = await newWapiAccount(engine, { depositCzk: '10000.00' });
      await engine.run(registerDomain, { name: 'zzz-wapi.cz' }, { actor: accountActor(acc.accountId) });
      await manyDomains(engine, acc.accountId, 'zzz-wapi.cz', WAPI_CAP + EXTRA - 1, 'b');
      const reply = await new WapiClient(t.url, acc.email, acc.wapiPassword).call('domains-list');
      const body = reply.body as { code: number; data: { domain: Record<string, { name: string; status: string }> } };
      assert.equal(body.code, 1000);
      const entries = Object.values(body.data.domain);
      assert.equal(entries.length, WAPI_CAP);
      assert.deepEqual(entries[0], { name: 'b0001.com', status: 'active' });
      assert.equal(entries.at(-1)!.name, `b${String(WAPI_CAP).padStart(4, '0')}.com`);
    });
  });
}
