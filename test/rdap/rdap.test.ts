/**
 * RDAP over real HTTP: whole bodies against goldens (dates, ids and the
 * port normalized) for a domain with contacts by role, DNSSEC and a privacy
 * set through Dynadot set_privacy (seen on the very next request), the
 * rdapper client (a real RDAP client from npm, pointed at this server by its
 * bootstrap data), IDN lookups, nameserver and entity lookups, the domain
 * search with its result cap, RFC 9083 error objects with their HTTP codes,
 * content type and CORS, the per address limit (429), the lookup counts and
 * the counters on /metrics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { lookup } from 'rdapper';
import { registerDomain, setDomainDnssec } from '../../src/core/flows/domains/index.ts';
import { createHost } from '../../src/core/flows/hosts/index.ts';
import { getWhoisStats } from '../../src/core/flows/whois/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newContact } from '../support/contacts.ts';
import { startTestServer, type TestServer } from '../server/support.ts';
import { dynadotAccount } from '../dialects/dynadot/support.ts';

const DS = { kind: 'ds', keyTag: 12345, algorithm: 13, digestType: 2, digest: 'A'.repeat(64) } as const;

/** Dates, registry ids, contact handles and the server's port vary per run. */
function normalize(body: string, url: string): unknown {
  return JSON.parse(body
    .replaceAll(url, 'http://HOST')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<date>')
    .replace(/\b\d+_DOMAIN_/g, 'N_DOMAIN_')
    .replace(/REGD-C\d+/g, 'REGD-C#')
    .replace(/REGD-H\d+/g, 'REGD-H#'));
}

/** Compares with test/rdap/fixtures/NAME (REGD_UPDATE_GOLDENS=1 writes it instead). */
function assertGolden(body: string, url: string, name: string): void {
  const path = new URL(`./fixtures/${name}`, import.meta.url);
  const actual = normalize(body, url);
  if (process.env.REGD_UPDATE_GOLDENS === '1') writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  assert.deepStrictEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
}

async function get(url: string): Promise<{ status: number; type: string | null; cors: string | null; body: string; json: Record<string, unknown> }> {
  const res = await fetch(url, { headers: { accept: 'application/rdap+json' } });
  const body = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), cors: res.headers.get('access-control-allow-origin'), body, json: JSON.parse(body) as Record<string, unknown> };
}

/** A host name of 253 characters, and a U-label that is 124 characters percent-encoded: valid, and longer than a router parameter may be. */
const LONG = `${['a', 'b', 'c', 'd'].map((c) => c.repeat(62)).join('.')}.com`.slice(-253);
const CYRILLIC = `${'п'.repeat(20)}.com`;
const CONFORMANCE = ['rdap_level_0', 'icann_rdap_response_profile_1', 'icann_rdap_technical_implementation_guide_1', 'redacted'];

for (const backend of BACKENDS) {
  describe(`${backend}: RDAP over HTTP`, { timeout: 120_000 }, () => {
    let t: TestServer;
    let rdap: string;
    let a: Awaited<ReturnType<typeof dynadotAccount>>;
    before(async () => {
      t = await startTestServer(backend, { argv: ['--rdap-search-limit', '3', '--rdap-requests-per-minute', '1000'] });
      rdap = `${t.url}/rdap`;
      const engine = t.services.engine;
      a = await dynadotAccount(engine, t.url);
      const jack = await newContact(engine, a);
      const ann = await newContact(engine, a, { name: 'Ann Tech', organization: 'Acme s.r.o.', address1: 'Main 1', address2: 'Building B', city: 'Praha', state: '', postcode: '11000', country: 'CZ', phone: '+420.123456789', fax: '+420.123456780', email: 'tech@acme.example' });
      await engine.run(registerDomain, { name: 'rdap-open.com', contacts: { registrant: jack.id, admin: jack.id, tech: ann.id, billing: jack.id } }, { actor: a.actor });
      await engine.run(setDomainDnssec, { name: 'rdap-open.com', keys: [DS] }, { actor: a.actor });
      await engine.run(createHost, { name: 'ns1.rdap-open.com', addresses: ['192.0.2.53', '2001:db8::53'] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'rdap-delegated.com', nameServers: ['ns1.rdap-open.com', 'ns.outside-rdap.example'] }, { actor: a.actor });
      await engine.run(registerDomain, { name: 'bücher-rdap.de' }, { actor: a.actor });
      for (const n of ['rdap-srch-a', 'rdap-srch-b', 'rdap-srch-c', 'rdap-srch-d']) await engine.run(registerDomain, { name: `${n}.com` }, { actor: a.actor });
    });
    after(async () => t?.close());

    test('domain: the whole body; content type, CORS; privacy through Dynadot set_privacy shows at once with the redacted member', async () => {
      const r = await get(`${rdap}/domain/rdap-open.com`);
      assert.equal(r.status, 200);
      assert.equal(r.type, 'application/rdap+json');
      assert.equal(r.cors, '*');
      assertGolden(r.body, t.url, 'domain-open.json');
      await a.c.obj('set_privacy', { domain: 'rdap-open.com', option: 'full' });
      assertGolden((await get(`${rdap}/domain/rdap-open.com`)).body, t.url, 'domain-full.json');
      await a.c.obj('set_privacy', { domain: 'rdap-open.com', option: 'partial' });
      assertGolden((await get(`${rdap}/domain/RDAP-Open.com.`)).body, t.url, 'domain-partial.json');
      await a.c.obj('set_privacy', { domain: 'rdap-open.com', option: 'off' });
      assert.deepStrictEqual(normalize((await get(`${rdap}/domain/rdap-open.com`)).body, t.url), normalize(r.body, t.url));
      const stats = await t.services.engine.run(getWhoisStats, { name: 'rdap-open.com' }, { actor: a.actor });
      assert.equal(stats.total, 4);
    });

    test('rdapper, a real RDAP client, reads the domain through its bootstrap data', async () => {
      const customBootstrapData = { version: '1.0', publication: '2026-12-01T00:00:00Z', services: [[['com', 'de'], [`${rdap}/`]]] };
      const res = await lookup('rdap-open.com', { customBootstrapData, rdapOnly: true, timeoutMs: 10_000 } as Parameters<typeof lookup>[1]);
      assert.equal(res.ok, true, res.error);
      const rec = res.record!;
      assert.equal(rec.isRegistered, true);
      assert.equal(rec.domain, 'rdap-open.com');
      assert.equal(rec.registrar?.name, 'regd');
      assert.equal(rec.registrar?.ianaId, '9999');
      assert.deepEqual(rec.nameservers?.map((n) => n.host), ['ns1.regd.test', 'ns2.regd.test']);
      assert.equal(rec.dnssec?.enabled, true);
      assert.ok(rec.contacts?.some((c) => c.type === 'registrant' && c.name === 'Jack Slater' && c.email === 'jack@example.com'));
      assert.ok(rec.contacts?.some((c) => c.type === 'tech' && c.organization === 'Acme s.r.o.'));
      const missing = await lookup('nothing-here-rdap.com', { customBootstrapData, rdapOnly: true, timeoutMs: 10_000 } as Parameters<typeof lookup>[1]);
      assert.equal(missing.record?.isRegistered ?? false, false);
    });

    test('IDN: U-label and A-label give the same object, with unicodeName', async () => {
      const u = await get(`${rdap}/domain/${encodeURIComponent('bücher-rdap.de')}`);
      assert.equal(u.status, 200);
      assert.equal(u.json.ldhName, 'xn--bcher-rdap-9db.de');
      assert.equal(u.json.unicodeName, 'bücher-rdap.de');
      assert.deepStrictEqual(normalize((await get(`${rdap}/domain/xn--bcher-rdap-9db.de`)).body, t.url), normalize(u.body, t.url));
    });

    test('nameserver and entity lookups: a host object, regd\'s own, an external one; a contact, the registrar', async () => {
      assertGolden((await get(`${rdap}/nameserver/ns1.rdap-open.com`)).body, t.url, 'nameserver-host.json');
      const own = await get(`${rdap}/nameserver/ns1.regd.test`);
      assert.equal(own.status, 200);
      assert.deepEqual(own.json.ipAddresses, { v4: ['127.0.0.1'] });
      const external = await get(`${rdap}/nameserver/NS.Outside-RDAP.example`);
      assert.equal(external.status, 200);
      assert.equal(external.json.ldhName, 'ns.outside-rdap.example');
      assert.equal(external.json.ipAddresses, undefined);
      assert.equal((await get(`${rdap}/nameserver/ns.unknown-rdap.example`)).status, 404);

      const domain = (await get(`${rdap}/domain/rdap-open.com`)).json;
      const tech = (domain.entities as { roles: string[]; handle: string }[]).find((e) => e.roles[0] === 'technical')!;
      const entity = await get(`${rdap}/entity/${tech.handle}`);
      assert.equal(entity.status, 200);
      assertGolden(entity.body, t.url, 'entity-tech.json');
      // The contact's domain goes private: the entity is redacted too, with the redacted member (its handle was asked for, so it stays).
      await a.c.obj('set_privacy', { domain: 'rdap-open.com', option: 'full' });
      assertGolden((await get(`${rdap}/entity/${tech.handle}`)).body, t.url, 'entity-tech-full.json');
      await a.c.obj('set_privacy', { domain: 'rdap-open.com', option: 'off' });
      assertGolden((await get(`${rdap}/entity/9999`)).body, t.url, 'entity-registrar.json');
      assert.equal((await get(`${rdap}/entity/REGD-C999999999`)).status, 404);
    });

    test('domains search: prefix patterns, the result cap with its notice; help', async () => {
      const s = await get(`${rdap}/domains?name=rdap-srch*.com`);
      assert.equal(s.status, 200);
      const names = (s.json.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName);
      assert.deepEqual(names, ['rdap-srch-a.com', 'rdap-srch-b.com', 'rdap-srch-c.com']);
      const notices = s.json.notices as { title: string; type?: string; description: string[] }[];
      assert.deepEqual(notices.at(-1), { title: 'Search Policy', type: 'result set truncated due to excessive load', description: ['At most 3 domains are returned; narrow the pattern.'] });
      assert.deepEqual(s.json.rdapConformance, CONFORMANCE);
      const two = await get(`${rdap}/domains?name=rdap-srch-d*`);
      assert.deepEqual((two.json.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName), ['rdap-srch-d.com']);
      assert.equal((two.json.notices as unknown[]).length, 3);
      const exact = await get(`${rdap}/domains?name=rdap-open.com`);
      assert.deepEqual((exact.json.domainSearchResults as { ldhName: string }[]).map((d) => d.ldhName), ['rdap-open.com']);
      const none = await get(`${rdap}/domains?name=zz-nothing*.com`);
      assert.deepEqual([none.status, none.json.domainSearchResults], [200, []]);
      const help = await get(`${rdap}/help`);
      assert.equal(help.status, 200);
      assert.deepEqual(help.json.rdapConformance, CONFORMANCE);
    });

    test('errors are RFC 9083 error objects with the right codes, content type and CORS', async () => {
      const cases: [string, number, string, string][] = [
        ['domain/a/b.com', 400, 'Bad Request', 'Invalid domain name: label "a/b" may contain only letters, digits and hyphens.'],
        [`domain/${encodeURIComponent(CYRILLIC)}`, 404, 'Not Found', `No registration of ${domainToASCII(CYRILLIC)} is held here.`],
        [`nameserver/${LONG}`, 404, 'Not Found', 'No such name server is known here.'],
        [`nameserver/x${LONG}`, 400, 'Bad Request', 'Invalid name server name: not a valid internationalized name.'],
        ['entity/', 404, 'Not Found', 'No such entity is published here.'],
        ['domain/-bad-.com', 400, 'Bad Request', 'Invalid domain name: label "-bad-" starts or ends with a hyphen.'],
        ['domain/nothing-here-rdap.com', 404, 'Not Found', 'No registration of nothing-here-rdap.com is held here.'],
        ['domain/example.invalidtld', 404, 'Not Found', '.invalidtld is not operated here.'],
        ['nameserver/bad..name', 400, 'Bad Request', 'Invalid name server name: empty label.'],
        ['ip/192.0.2.1', 501, 'Not Implemented', 'This server answers domain, nameserver and entity lookups and domain searches by name only.'],
        ['autnum/64496', 501, 'Not Implemented', 'This server answers domain, nameserver and entity lookups and domain searches by name only.'],
        ['nameservers?name=ns1*', 501, 'Not Implemented', 'This server answers domain, nameserver and entity lookups and domain searches by name only.'],
        ['domains?nsLdhName=ns1.regd.test', 501, 'Not Implemented', 'Domain searches by name server are not supported; search by name.'],
        ['domains', 400, 'Bad Request', 'A search needs one "name" parameter, e.g. domains?name=exam*.com.'],
        ['domains?name=*.com', 400, 'Bad Request', 'Invalid search pattern: at least 2 characters are required before "*".'],
        ['domains?name=a*b.com', 400, 'Bad Request', 'Invalid search pattern: only one "*", at the end of the first label, is supported (e.g. exam*.com).'],
        ['whatever', 400, 'Bad Request', 'The path is not an RDAP query (see /rdap/help).'],
        ['domain/%E0%A4%A.com', 400, 'Bad Request', 'The path is not valid percent-encoding.'],
      ];
      for (const [path, status, title, description] of cases) {
        const r = await get(`${rdap}/${path}`);
        assert.deepStrictEqual([r.status, r.type, r.cors, r.json], [status, 'application/rdap+json', '*', { rdapConformance: CONFORMANCE, errorCode: status, title, description: [description] }], path);
      }
      // Outside /rdap/ the router's refusal stays Fastify's own answer.
      const other = await fetch(`${t.url}/api/v1/domains/%E0%A4%A.com`);
      assert.deepStrictEqual([other.status, await other.json()], [400, { error: 'Bad Request', code: 'FST_ERR_BAD_URL', message: "'/api/v1/domains/%E0%A4%A.com' is not a valid url component", statusCode: 400 }]);
    });

    test('counters on /metrics: requests by type and status', async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      assert.match(text, /^regd_rdap_requests_total\{type="domain",status="200"\} [1-9]\d*$/m);
      assert.match(text, /^regd_rdap_requests_total\{type="domain",status="404"\} [1-9]\d*$/m);
      assert.match(text, /^regd_rdap_requests_total\{type="unsupported",status="501"\} [1-9]\d*$/m);
      assert.match(text, /^regd_rdap_requests_total\{type="domains",status="200"\} [1-9]\d*$/m);
    });
  });
}

describe('RDAP request rate per address; turned off', { timeout: 60_000 }, () => {
  test('over the limit: 429 with Retry-After and an error object', async () => {
    const t = await startTestServer(BACKENDS[0] ?? 'pglite', { argv: ['--rdap-requests-per-minute', '3'] });
    try {
      // A minute boundary may fall between the requests: the refusal comes on the fourth, at the latest on the seventh.
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 7 && statuses.at(-1) !== 429; i++) {
        last = await fetch(`${t.url}/rdap/help`);
        statuses.push(last.status);
      }
      assert.equal(statuses.at(-1), 429);
      assert.ok(statuses.length >= 4 && statuses.slice(0, -1).every((s) => s === 200));
      assert.match(last!.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(last!.headers.get('content-type'), 'application/rdap+json');
      assert.deepStrictEqual(await last!.json(), { rdapConformance: CONFORMANCE, errorCode: 429, title: 'Too Many Requests', description: ['At most 3 requests per minute are answered from one address.'] });
    } finally {
      await t.close();
    }
  });

  test('rdap.enabled: false in the configuration file: /rdap is not served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-rdap-off-'));
    const file = join(dir, 'regd.yaml');
    writeFileSync(file, 'rdap:\n  enabled: false\n');
    const t = await startTestServer(BACKENDS[0] ?? 'pglite', { argv: ['--config', file] });
    try {
      const r = await fetch(`${t.url}/rdap/help`);
      assert.deepStrictEqual([r.status, await r.json()], [404, { error: 'not found' }]);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
