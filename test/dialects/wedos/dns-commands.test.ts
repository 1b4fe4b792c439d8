/**
 * The WAPI DNS commands over real HTTP, against a server with regd's DNS
 * server beside it: whole responses (timestamp and svTRID normalised) for
 * every command's success and refusals, staged changes invisible in DNS
 * until dns-domain-commit (or the automatic commit 5 minutes later), test
 * mode, other accounts' zones and rows, and the label walk ACME clients do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountActor, addRecord, deleteDomain, registerDomain, setDomainNameServers, type Engine } from '../../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../../src/services/dns/index.ts';
import { snapshotTables } from '../../support/snapshot.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import { decode, query, sendUdpMany } from '../../dns/support/client.ts';
import { newWapiAccount, WapiClient } from './support.ts';
import { pragueDateTime } from '../../../src/dialects/wedos/prague.ts';

const TIMESTAMP = '%TIMESTAMP%';
const SVTRID = '%SVTRID%';
type Obj = Record<string, unknown>;

interface Who {
  readonly client: WapiClient;
  readonly actor: ReturnType<typeof accountActor>;
}

/** One JSON call; the `response` object with timestamp and svTRID replaced by placeholders. */
async function call(w: Who, command: string, data?: Obj, options: { test?: boolean; format?: 'json' | 'xml' } = {}): Promise<Obj> {
  const res = await w.client.call(command, data, { format: options.format ?? 'json', clTRID: `cl-${command}`, ...(options.test ? { test: true } : {}) });
  assert.equal(res.status, 200, `${command}: HTTP ${res.status} ${String(res.raw).slice(0, 500)}`);
  const body = res.body as Obj;
  const r = { ...((body.response as Obj | undefined) ?? body) };
  assert.match(String(r.timestamp), /^\d+$/, `${command}: timestamp`);
  assert.match(String(r.svTRID), /\S/, `${command}: svTRID`);
  r.timestamp = TIMESTAMP;
  r.svTRID = SVTRID;
  return normaliseChanged(r) as Obj;
}

const CHANGED = '%CHANGED%';
const PRAGUE_DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** Every row's `changed_date` must be a Prague date-time; it becomes CHANGED (its value is checked in its own test). */
function normaliseChanged(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normaliseChanged);
  if (v === null || typeof v !== 'object') return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v as Obj)) {
    if (k === 'changed_date') {
      assert.match(String(x), PRAGUE_DATETIME, 'changed_date');
      out[k] = CHANGED;
    } else {
      out[k] = normaliseChanged(x);
    }
  }
  return out;
}

function expected(command: string, code: number, result: string, data?: unknown): Obj {
  return { code, result, timestamp: TIMESTAMP, clTRID: `cl-${command}`, svTRID: SVTRID, command, ...(data !== undefined ? { data } : {}) };
}

function assertResponse(actual: Obj, want: Obj): void {
  assert.deepStrictEqual(actual, want);
  assert.equal(JSON.stringify(actual), JSON.stringify(want), 'same keys, but not in the expected order');
}

const OK = 'OK';

/** Standard result texts of the codes these tests expect (as codes.ts has them). */
const TEXT = {
  2201: 'Unsupported TLD',
  2202: 'Invalid or unsupported domain name format',
  2309: 'Invalid record type',
  2311: 'Invalid record name',
  2313: 'Invalid CNAME for this name',
  2314: 'Invalid record data',
  2316: 'This record already exists',
  2317: 'Invalid TTL',
  3222: 'Failed to retrieve the domain object',
  3223: 'Domain does not belong to your customer account',
  3309: 'DNS record of that ID does not exist',
} as const;

function row(id: number, name: string, ttl: number, rdtype: string, rdata: string, comment = ''): Obj {
  return { ID: String(id), name, ttl: String(ttl), rdtype, rdata, changed_date: CHANGED, author_comment: comment };
}

for (const backend of BACKENDS) {
  describe(`${backend}: WAPI DNS commands`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let engine: Engine;
    let dns: RunningDnsServer;
    let a: Who;
    let b: Who;
    const db = () => t.services.store.db;

    /** The account's own WAPI client and actor. */
    async function who(): Promise<Who> {
      const acc = await newWapiAccount(engine, { depositCzk: '10000.00' });
      return { client: new WapiClient(t.url, acc.email, acc.wapiPassword), actor: accountActor(acc.accountId) };
    }

    /** A refusal: the whole response, and no table changed. */
    async function refused(w: Who, command: string, data: Obj | undefined, code: number, result: string): Promise<void> {
      const before = await snapshotTables(db());
      assertResponse(await call(w, command, data), expected(command, code, result));
      assert.deepStrictEqual(await snapshotTables(db()), before, `${command} → ${code} changed stored data`);
    }

    /** What regd's DNS server answers for name/type: record data strings, or the rcode when there are none. */
    async function served(name: string, type: 'A' | 'TXT' | 'MX'): Promise<string[]> {
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port: dns.udpPort }, [query(name, type)], { timeoutMs: 1000 });
      assert.ok(reply, `no DNS answer for ${name} ${type}`);
      const msg = decode(reply);
      const data = (msg.answers ?? []).filter((x) => x.type === type).map((x) => {
        const d = (x as { data: unknown }).data;
        if (type === 'TXT') return (d as Buffer[]).map((s) => Buffer.from(s).toString('utf8')).join('');
        if (type === 'MX') return `${(d as { preference: number }).preference} ${(d as { exchange: string }).exchange}`;
        return String(d);
      });
      return data.length > 0 ? data.sort() : [msg.rcode];
    }

    /** Waits until the DNS server answers `want` (asking every 5 ms); returns the milliseconds it took. */
    async function servedWithin(name: string, type: 'A' | 'TXT' | 'MX', want: readonly string[], timeoutMs = 5_000): Promise<number> {
      const start = performance.now();
      for (;;) {
        const last = await served(name, type);
        if (JSON.stringify(last) === JSON.stringify(want)) return performance.now() - start;
        if (performance.now() - start > timeoutMs) assert.fail(`${name} ${type}: still ${last.join(', ')} after ${timeoutMs} ms, want ${want.join(', ')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }

    before(async () => {
      t = await startTestServer(backend);
      engine = t.services.engine;
      dns = await startDnsServer({ engine, config: { host: '127.0.0.1', port: 0 } });
      a = await who();
      b = await who();
      for (const name of ['zone-b.com', 'zone-a.net', 'example.cz', 'rows.com', 'stage.com', 'auto.com', 'testmode.com']) {
        await engine.run(registerDomain, { name }, { actor: a.actor });
      }
      await engine.run(registerDomain, { name: 'custom-ns.com' }, { actor: a.actor });
      await engine.run(setDomainNameServers, { name: 'custom-ns.com', nameServers: ['ns1.elsewhere.example', 'ns2.elsewhere.example'] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'other-zone.com' }, { actor: b.actor });
    });
    after(async () => {
      await dns?.close();
      await t?.close();
    });

    test('dns-domains-list: the account\'s zones on regd DNS by name, keyed "0", "1", …; not custom NS, not other accounts\'', async () => {
      const zones = ['auto.com', 'example.cz', 'rows.com', 'stage.com', 'testmode.com', 'zone-a.net', 'zone-b.com'];
      const domain = Object.fromEntries(zones.map((name, i) => [String(i), { name, type: 'primary', status: 'active' }]));
      assertResponse(await call(a, 'dns-domains-list'), expected('dns-domains-list', 1000, OK, { domain }));
      assertResponse(await call(b, 'dns-domains-list'), expected('dns-domains-list', 1000, OK, { domain: { 0: { name: 'other-zone.com', type: 'primary', status: 'active' } } }));
      // XML lists repeat the element; acme.sh matches <domain><name>…</name><type>primary</type><status>active</status>.
      const xml = await a.client.call('dns-domains-list', undefined, { format: 'xml' });
      assert.match(xml.raw, /<data><domain><name>auto\.com<\/name><type>primary<\/type><status>active<\/status><\/domain><domain><name>example\.cz<\/name>/);
    });

    test('dns-domain-info: the zone (serial, record count, pending flag); refusals', async () => {
      await engine.run(addRecord, { name: 'zone-a.net', record: { type: 'A', name: 'www', value: '192.0.2.1' } }, { actor: a.actor });
      const info = await call(a, 'dns-domain-info', { name: 'ZONE-A.net' });
      const serial = ((info.data as Obj).domain as Obj).serial;
      assert.match(String(serial), /^\d{10}$/);
      const domain = (changed: string, rrCnt: string) => ({
        name: 'zone-a.net', status: 'active', type: 'primary', tlock: 'none', autocommit: '1', axfr_enabled: '0', axfr_ips: '',
        changed, serial, rr_cnt: rrCnt,
      });
      assertResponse(info, expected('dns-domain-info', 1000, OK, { domain: domain('0', '1') }));
      assertResponse(await call(a, 'dns-row-add', { domain: 'zone-a.net', name: 'staged', ttl: 300, type: 'A', rdata: '192.0.2.2' }), expected('dns-row-add', 1000, OK));
      assertResponse(await call(a, 'dns-domain-info', { name: 'zone-a.net' }), expected('dns-domain-info', 1000, OK, { domain: domain('1', '1') }));

      await refused(a, 'dns-domain-info', {}, 2100, 'Required parameter missing: name');
      await refused(a, 'dns-domain-info', { name: 'bad..name.com' }, 2202, TEXT[2202]);
      await refused(a, 'dns-domain-info', { name: 'zone.unknowntld' }, 2201, TEXT[2201]);
      await refused(a, 'dns-domain-info', { name: 'custom-ns.com' }, 3222, TEXT[3222]);
      await refused(a, 'dns-domain-info', { name: 'other-zone.com' }, 3223, TEXT[3223]);
      await refused(a, 'dns-domain-info', { name: 'never-registered.com' }, 3223, TEXT[3223]);
    });

    test('dns-rows-list: every type in WEDOS rdata form, ID and ttl as strings, apex name ""; an empty zone is row: []', async () => {
      assertResponse(await call(a, 'dns-rows-list', { domain: 'zone-b.com' }), expected('dns-rows-list', 1000, OK, { row: [] }));
      const add = (record: Parameters<typeof addRecord>[1]['record']) => engine.run(addRecord, { name: 'rows.com', record }, { actor: a.actor });
      const r = [
        await add({ type: 'A', name: '@', value: '192.0.2.1', ttl: 1800 }),
        await add({ type: 'AAAA', name: 'www', value: '2001:db8::1' }),
        await add({ type: 'CNAME', name: 'web', value: 'www.rows.com.' }),
        await add({ type: 'MX', name: '@', value: 'mail.example.net', priority: 10 }),
        await add({ type: 'TXT', name: '@', value: 'v=spf1 -all' }),
        await add({ type: 'SRV', name: '_sip._tcp', value: 'sip.example.net', priority: 10, weight: 5, port: 5060 }),
        await add({ type: 'CAA', name: '@', value: 'letsencrypt.org', tag: 'issue', flags: 0 }),
        await add({ type: 'NS', name: 'sub', value: 'ns1.example.net' }),
        await add({ type: 'A', name: '*', value: '192.0.2.9', ttl: 600 }),
      ].map((x) => x.record.id);
      assertResponse(await call(a, 'dns-rows-list', { domain: 'rows.com' }), expected('dns-rows-list', 1000, OK, {
        row: [
          row(r[0]!, '', 1800, 'A', '192.0.2.1'),
          row(r[1]!, 'www', 3600, 'AAAA', '2001:db8::1'),
          row(r[2]!, 'web', 3600, 'CNAME', 'www.rows.com'),
          row(r[3]!, '', 3600, 'MX', '10 mail.example.net'),
          row(r[4]!, '', 3600, 'TXT', 'v=spf1 -all'),
          row(r[5]!, '_sip._tcp', 3600, 'SRV', '10 5 5060 sip.example.net'),
          row(r[6]!, '', 3600, 'CAA', '0 issue "letsencrypt.org"'),
          row(r[7]!, 'sub', 3600, 'NS', 'ns1.example.net'),
          row(r[8]!, '*', 600, 'A', '192.0.2.9'),
        ],
      }));
      // `name` instead of `domain` (some scripts send it) reads the same zone.
      assert.equal(((await call(a, 'dns-rows-list', { name: 'rows.com' })).data as { row: unknown[] }).row.length, 9);
      // XML: rows in document order, the fields in the order clients match them (acme.sh's regex: ID, name, ttl, rdtype, rdata).
      const xml = await a.client.call('dns-rows-list', { domain: 'rows.com' }, { format: 'xml' });
      assert.match(String(xml.raw), new RegExp(`<row>\\s*<ID>${r[4]}</ID>\\s*<name></name>\\s*<ttl>3600</ttl>\\s*<rdtype>TXT</rdtype>\\s*<rdata>v=spf1 -all</rdata>\\s*<changed_date>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d</changed_date>\\s*<author_comment></author_comment>\\s*</row>`));

      await refused(a, 'dns-rows-list', {}, 2100, 'Required parameter missing: domain');
      await refused(a, 'dns-rows-list', { domain: 'custom-ns.com' }, 3222, TEXT[3222]);
      await refused(a, 'dns-rows-list', { domain: 'other-zone.com' }, 3223, TEXT[3223]);
      await refused(b, 'dns-rows-list', { domain: 'rows.com' }, 3223, TEXT[3223]);
    });

    test('the label walk: dns-rows-list refuses _acme-challenge.www.example.cz and www.example.cz, answers example.cz', async () => {
      await refused(a, 'dns-rows-list', { domain: '_acme-challenge.www.example.cz' }, 2202, TEXT[2202]);
      await refused(a, 'dns-rows-list', { domain: 'www.example.cz' }, 2202, TEXT[2202]);
      assertResponse(await call(a, 'dns-rows-list', { domain: 'example.cz' }), expected('dns-rows-list', 1000, OK, { row: [] }));
    });

    test('dns-row-add, dns-row-update, dns-row-delete stage; dns-domain-commit publishes within 100 ms', async () => {
      const zone = 'stage.com';
      const live = await engine.run(addRecord, { name: zone, record: { type: 'A', name: 'www', value: '192.0.2.1', ttl: 600 } }, { actor: a.actor });
      const mx = await engine.run(addRecord, { name: zone, record: { type: 'MX', name: '@', value: 'mx1.example.net', priority: 10 } }, { actor: a.actor });
      await servedWithin(`www.${zone}`, 'A', ['192.0.2.1']);

      // Add (lego's own request: name, ttl as a number, type, rdata, no row_id).
      assertResponse(await call(a, 'dns-row-add', { domain: zone, name: '_acme-challenge', ttl: 300, type: 'TXT', rdata: 'token-1', auth_comment: 'lego' }), expected('dns-row-add', 1000, OK));
      const listed = ((await call(a, 'dns-rows-list', { domain: zone })).data as { row: Obj[] }).row;
      const txtId = Number(listed.at(-1)!.ID);
      assert.deepStrictEqual(listed, [row(live.record.id, 'www', 600, 'A', '192.0.2.1'), row(mx.record.id, '', 3600, 'MX', '10 mx1.example.net'), row(txtId, '_acme-challenge', 300, 'TXT', 'token-1', 'lego')]);
      assertResponse(await call(a, 'dns-row-detail', { domain: zone, row_id: String(txtId) }), expected('dns-row-detail', 1000, OK, { row: row(txtId, '_acme-challenge', 300, 'TXT', 'token-1', 'lego') }));
      // Its document page names the zone `name`.
      assertResponse(await call(a, 'dns-row-detail', { name: zone, row_id: txtId }), expected('dns-row-detail', 1000, OK, { row: row(txtId, '_acme-challenge', 300, 'TXT', 'token-1', 'lego') }));
      // Update (row_id as a string, type sent along and ignored) and delete, both staged.
      assertResponse(await call(a, 'dns-row-update', { domain: zone, row_id: String(live.record.id), ttl: 1200, type: 'A', rdata: '192.0.2.55' }), expected('dns-row-update', 1000, OK));
      assertResponse(await call(a, 'dns-row-update', { domain: zone, row_id: mx.record.id, ttl: '3600', rdata: '20 mx2.example.net' }), expected('dns-row-update', 1000, OK));
      assertResponse(await call(a, 'dns-row-detail', { domain: zone, row_id: live.record.id }), expected('dns-row-detail', 1000, OK, { row: row(live.record.id, 'www', 1200, 'A', '192.0.2.55') }));

      // Nothing of it is served yet.
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await served(`_acme-challenge.${zone}`, 'TXT'), ['NXDOMAIN']);
      assert.deepEqual(await served(`www.${zone}`, 'A'), ['192.0.2.1']);
      assert.deepEqual(await served(zone, 'MX'), ['10 mx1.example.net']);

      assertResponse(await call(a, 'dns-domain-commit', { name: zone }), expected('dns-domain-commit', 1000, OK));
      // Served after the commit (servedWithin fails after 5 s; how soon is a bench:dns figure, not asserted here).
      await servedWithin(`_acme-challenge.${zone}`, 'TXT', ['token-1']);
      assert.deepEqual(await served(`www.${zone}`, 'A'), ['192.0.2.55']);
      assert.deepEqual(await served(zone, 'MX'), ['20 mx2.example.net']);

      // Delete: the row goes from dns-rows-list at once, from DNS at the commit.
      assertResponse(await call(a, 'dns-row-delete', { domain: zone, row_id: String(txtId), rdata: '' }), expected('dns-row-delete', 1000, OK));
      assert.deepStrictEqual(((await call(a, 'dns-rows-list', { domain: zone })).data as { row: Obj[] }).row.map((x) => x.ID), [String(live.record.id), String(mx.record.id)]);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await served(`_acme-challenge.${zone}`, 'TXT'), ['token-1']);
      assertResponse(await call(a, 'dns-domain-commit', { name: zone }), expected('dns-domain-commit', 1000, OK));
      await servedWithin(`_acme-challenge.${zone}`, 'TXT', ['NXDOMAIN']);
      // A commit with nothing staged is still 1000.
      assertResponse(await call(a, 'dns-domain-commit', { name: zone }), expected('dns-domain-commit', 1000, OK));
    });

    test('refusals of the row commands change nothing', async () => {
      const zone = 'stage.com';
      const rows = ((await call(a, 'dns-rows-list', { domain: zone })).data as { row: Obj[] }).row;
      const id = Number(rows[0]!.ID);
      const theirs = await engine.run(addRecord, { name: 'other-zone.com', record: { type: 'A', name: 'x', value: '192.0.2.7' } }, { actor: b.actor });
      const add = (data: Obj) => ({ domain: zone, name: 'n', ttl: 300, type: 'A', rdata: '192.0.2.1', ...data });

      await refused(a, 'dns-row-add', { name: zone, ttl: 300, type: 'A', rdata: '192.0.2.1' }, 2100, 'Required parameter missing: domain');
      await refused(a, 'dns-row-add', { domain: zone, name: 'n', ttl: 300, rdata: '192.0.2.1' }, 2100, 'Required parameter missing: type');
      await refused(a, 'dns-row-add', { domain: zone, name: 'n', type: 'A', rdata: '192.0.2.1' }, 2100, 'Required parameter missing: ttl');
      await refused(a, 'dns-row-add', { domain: zone, name: 'n', ttl: 300, type: 'A' }, 2100, 'Required parameter missing: rdata');
      await refused(a, 'dns-row-add', add({ type: 'SSHFP' }), 2309, TEXT[2309]);
      await refused(a, 'dns-row-add', add({ name: 'bad name!' }), 2311, TEXT[2311]);
      await refused(a, 'dns-row-add', add({ name: 'www', type: 'CNAME', rdata: 'elsewhere.example.net' }), 2313, TEXT[2313]);
      await refused(a, 'dns-row-add', add({ rdata: 'not-an-address' }), 2314, TEXT[2314]);
      await refused(a, 'dns-row-add', add({ type: 'MX', rdata: 'mail.example.net' }), 2314, TEXT[2314]);
      await refused(a, 'dns-row-add', add({ name: 'www', rdata: '192.0.2.55' }), 2316, TEXT[2316]);
      await refused(a, 'dns-row-add', add({ ttl: 'soon' }), 2317, TEXT[2317]);
      await refused(a, 'dns-row-add', add({ ttl: 5 }), 2317, TEXT[2317]);
      await refused(a, 'dns-row-add', add({ domain: 'custom-ns.com' }), 3222, TEXT[3222]);
      await refused(a, 'dns-row-add', add({ domain: 'other-zone.com' }), 3223, TEXT[3223]);
      await refused(a, 'dns-row-add', add({ domain: 'zone.unknowntld' }), 2201, TEXT[2201]);

      await refused(a, 'dns-row-detail', { domain: zone }, 2100, 'Required parameter missing: row_id');
      await refused(a, 'dns-row-detail', { domain: zone, row_id: 'abc' }, 2101, 'Invalid parameter value: row_id');
      await refused(a, 'dns-row-detail', { domain: zone, row_id: 999_999 }, 3309, TEXT[3309]);
      await refused(a, 'dns-row-detail', { domain: zone, row_id: theirs.record.id }, 3309, TEXT[3309]);
      await refused(a, 'dns-row-detail', { domain: 'other-zone.com', row_id: theirs.record.id }, 3223, TEXT[3223]);

      await refused(a, 'dns-row-update', { domain: zone, row_id: id, ttl: 300, rdata: '300.1.1.1' }, 2314, TEXT[2314]);
      await refused(a, 'dns-row-update', { domain: zone, row_id: id, ttl: 10, rdata: '192.0.2.1' }, 2317, TEXT[2317]);
      await refused(a, 'dns-row-update', { domain: zone, row_id: theirs.record.id, ttl: 300, rdata: '192.0.2.1' }, 3309, TEXT[3309]);
      await refused(b, 'dns-row-update', { domain: 'other-zone.com', row_id: id, ttl: 300, rdata: '192.0.2.1' }, 3309, TEXT[3309]);
      await refused(a, 'dns-row-delete', { domain: zone, row_id: theirs.record.id }, 3309, TEXT[3309]);
      await refused(b, 'dns-row-delete', { domain: zone, row_id: id }, 3223, TEXT[3223]);
      await refused(a, 'dns-domain-commit', { name: 'other-zone.com' }, 3223, TEXT[3223]);
      await refused(a, 'dns-domain-commit', { name: 'custom-ns.com' }, 3222, TEXT[3222]);
      // A row staged for deletion is gone from the zone being edited.
      const gone = await engine.run(addRecord, { name: zone, record: { type: 'TXT', name: 'gone', value: 'x' } }, { actor: a.actor });
      assertResponse(await call(a, 'dns-row-delete', { domain: zone, row_id: gone.record.id }), expected('dns-row-delete', 1000, OK));
      await refused(a, 'dns-row-delete', { domain: zone, row_id: gone.record.id }, 3309, TEXT[3309]);
      await refused(a, 'dns-row-update', { domain: zone, row_id: gone.record.id, ttl: 300, rdata: 'y' }, 3309, TEXT[3309]);
    });

    test('test mode: dns-row-add and dns-domain-commit answer 1000 and change nothing', async () => {
      const before = await snapshotTables(db());
      assertResponse(await call(a, 'dns-row-add', { domain: 'testmode.com', name: 'try', ttl: 300, type: 'TXT', rdata: 'x' }, { test: true }), expected('dns-row-add', 1000, OK));
      assertResponse(await call(a, 'dns-domain-commit', { name: 'testmode.com' }, { test: true }), expected('dns-domain-commit', 1000, OK));
      assert.deepStrictEqual(await snapshotTables(db()), before);
      assertResponse(await call(a, 'dns-rows-list', { domain: 'testmode.com' }), expected('dns-rows-list', 1000, OK, { row: [] }));
    });

    test('without dns-domain-commit, staged changes publish themselves 5 minutes later', async () => {
      // As acme.sh sends it: XML, every value a string, with auth_comment.
      const data = { domain: 'auto.com', name: 'later', ttl: '300', type: 'A', rdata: '192.0.2.99', auth_comment: 'Created using WAPI from acme.sh' };
      assertResponse(await call(a, 'dns-row-add', data, { format: 'xml' }), expected('dns-row-add', 1000, OK));
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await served('later.auto.com', 'A'), ['NXDOMAIN']);
      const moved = await ops(t.url, 'clock advance', { duration: '6m' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await servedWithin('later.auto.com', 'A', ['192.0.2.99'], 10_000);
      const info = await call(a, 'dns-domain-info', { name: 'auto.com' });
      assert.equal(((info.data as Obj).domain as Obj).changed, '0');
    });

    test('changed_date and author_comment: the comment dns-row-add was given, the Prague time of the last change (JSON and XML)', async () => {
      const zone = 'notes.com';
      await engine.run(registerDomain, { name: zone }, { actor: a.actor });
      const prague = (t0: Date, t1: Date) => {
        const out = new Set<string>();
        for (let ms = Math.floor(t0.getTime() / 1000) * 1000; ms <= t1.getTime(); ms += 1000) out.add(pragueDateTime(new Date(ms)));
        return out;
      };
      const rawRows = async (format: 'json' | 'xml' = 'json') => {
        const res = await a.client.call('dns-rows-list', { domain: zone }, { format });
        return res;
      };
      const t0 = await a.client.serverNow();
      assertResponse(await call(a, 'dns-row-add', { domain: zone, name: 'www', ttl: 300, type: 'A', rdata: '192.0.2.7', auth_comment: 'made by lego <ACME>' }), expected('dns-row-add', 1000, OK));
      assertResponse(await call(a, 'dns-row-add', { domain: zone, name: 'mail', ttl: 300, type: 'A', rdata: '192.0.2.8' }), expected('dns-row-add', 1000, OK));
      const t1 = await a.client.serverNow();
      const dataOf = (body: unknown) => (((body as Obj).response ?? body) as { data: Obj }).data;
      const rows = dataOf((await rawRows()).body).row as Obj[];
      assert.deepEqual(rows.map((r) => r.author_comment), ['made by lego <ACME>', '']);
      for (const r of rows) assert.ok(prague(t0, t1).has(String(r.changed_date)), `changed_date ${String(r.changed_date)} is the Prague time of the addition`);
      const xml = String((await rawRows('xml')).raw);
      assert.match(xml, new RegExp(`<ID>${String(rows[0]!.ID)}</ID><name>www</name><ttl>300</ttl><rdtype>A</rdtype><rdata>192.0.2.7</rdata><changed_date>${String(rows[0]!.changed_date)}</changed_date><author_comment>made by lego &lt;ACME&gt;</author_comment>`));

      // An update an hour later moves changed_date and keeps the comment; the detail shows the same.
      assert.equal((await ops(t.url, 'clock advance', { duration: '1h' })).status, 200);
      const t2 = await a.client.serverNow();
      assertResponse(await call(a, 'dns-row-update', { domain: zone, row_id: rows[0]!.ID, ttl: 600, rdata: '192.0.2.70' }), expected('dns-row-update', 1000, OK));
      const t3 = await a.client.serverNow();
      const detail = dataOf((await a.client.call('dns-row-detail', { domain: zone, row_id: rows[0]!.ID })).body).row as Obj;
      assert.equal(detail.author_comment, 'made by lego <ACME>');
      assert.ok(prague(t2, t3).has(String(detail.changed_date)), `changed_date ${String(detail.changed_date)} is the update's`);

      // A comment WEDOS could not store: 2101, nothing added.
      const before = await snapshotTables(db());
      assertResponse(await call(a, 'dns-row-add', { domain: zone, name: 'x', ttl: 300, type: 'A', rdata: '192.0.2.9', auth_comment: 'x'.repeat(256) }),
        expected('dns-row-add', 2101, 'Invalid parameter value: auth_comment'));
      assertResponse(await call(a, 'dns-row-add', { domain: zone, name: 'x', ttl: 300, type: 'A', rdata: '192.0.2.9', auth_comment: 'two\nlines' }),
        expected('dns-row-add', 2101, 'Invalid parameter value: auth_comment'));
      assert.deepStrictEqual(await snapshotTables(db()), before);
    });

    // Last: it moves the clock by days.
    test('states that forbid changes: registration pending 3305, deleted (redemption) 3306; the rows stay readable', async () => {
      await engine.run(registerDomain, { name: 'pending-zone.cn' }, { actor: a.actor });
      assertResponse(await call(a, 'dns-rows-list', { domain: 'pending-zone.cn' }), expected('dns-rows-list', 1000, OK, { row: [] }));
      await refused(a, 'dns-row-add', { domain: 'pending-zone.cn', name: 'www', ttl: 300, type: 'A', rdata: '192.0.2.1' }, 3305, 'Domain is locked for editing');

      await engine.run(registerDomain, { name: 'lapsing.com' }, { actor: a.actor });
      const www = await engine.run(addRecord, { name: 'lapsing.com', record: { type: 'A', name: 'www', value: '192.0.2.1' } }, { actor: a.actor });
      assert.equal((await ops(t.url, 'clock advance', { duration: '6d' })).status, 200);
      await engine.run(deleteDomain, { name: 'lapsing.com' }, { actor: a.actor });
      assertResponse(await call(a, 'dns-rows-list', { domain: 'lapsing.com' }), expected('dns-rows-list', 1000, OK, { row: [row(www.record.id, 'www', 3600, 'A', '192.0.2.1')] }));
      await refused(a, 'dns-row-add', { domain: 'lapsing.com', name: 'new', ttl: 300, type: 'A', rdata: '192.0.2.2' }, 3306, 'Domain is deleted');
      await refused(a, 'dns-row-delete', { domain: 'lapsing.com', row_id: www.record.id }, 3306, 'Domain is deleted');
      await refused(a, 'dns-domain-commit', { name: 'lapsing.com' }, 3306, 'Domain is deleted');
    });
  });
}
