/** Bad input in KifDom's own shapes, unknown routes, and the published documentation. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../support/backends.ts';
import { newAccount } from '../../support/fixtures.ts';
import { startTestServer, type TestServer } from '../../server/support.ts';
import { COMMANDS } from '../../../src/dialects/kifdom/index.ts';
import { assertBody, assertFixture, assertUnchanged, KifdomClient } from './support.ts';

/** Every endpoint that reads a JSON body, with the meta form of its 400s. */
const BODY_ENDPOINTS = [
  ['POST', '/domains', 'numeric'], ['PUT', '/domains/mydomain.fr', 'numeric'], ['PUT', '/name-servers/mydomain.fr', 'string'],
  ['POST', '/dns-zones', 'numeric'], ['PUT', '/dns-zones', 'string'], ['DELETE', '/dns-zones', 'string'], ['POST', '/preorders', 'numeric'],
] as const;

for (const backend of BACKENDS) {
  describe(`${backend}: KifDom wire: bad input, unknown routes, documentation`, { timeout: 180_000 }, () => {
    let t: TestServer;
    let api: KifdomClient;
    let token: string;
    const db = () => t.services.store.db;
    const vars = (form: 'numeric' | 'string', message: string) =>
      form === 'numeric' ? { ON_HOLD: 0, TOTAL: 1, BALANCE: 93.01, MESSAGE: message } : { ON_HOLD: '0.00', TOTAL: 1, BALANCE: '93.01', MESSAGE: message };
    const fixtureOf = (form: 'numeric' | 'string') => (form === 'numeric' ? 'error-400-numeric.json' : 'error-400-string.json');

    before(async () => {
      t = await startTestServer(backend);
      api = new KifdomClient(t.url);
      await api.loadContract();
      const user = await newAccount(t.services.engine, { depositEur: '100.00' });
      token = await api.login(user.email, user.password);
      assert.equal((await api.call('POST', '/domains', { token, json: { name: 'mydomain.fr' } })).status, 200);
    });
    after(async () => t.close());

    test('malformed JSON, a JSON body that is no object, an oversize body, another content type: 400, nothing changes', async () => {
      const cases: [Omit<Parameters<KifdomClient['call']>[2], 'token'>, string][] = [
        [{ raw: '{"name": "x.fr",' }, 'The request body is not valid JSON.'],
        [{ raw: "{'name': 'x.fr'}" }, 'The request body is not valid JSON.'],
        [{ raw: '[1, 2]' }, 'The request body should be a JSON object.'],
        [{ raw: '"mydomain.fr"' }, 'The request body should be a JSON object.'],
        [{ raw: 'null' }, 'The request body should be a JSON object.'],
        [{ raw: JSON.stringify({ name: 'x'.repeat(70_000) }) }, 'The request body is too large (at most 65536 bytes).'],
        [{ raw: 'name=x.fr', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 'The request body should be JSON, sent with the header Content-Type: application/json.'],
        [{ raw: 'name', headers: { 'Content-Type': 'text/plain' } }, 'The request body should be JSON, sent with the header Content-Type: application/json.'],
      ];
      for (const [method, path, form] of BODY_ENDPOINTS) {
        for (const [options, message] of cases) {
          const res = await assertUnchanged(db(), () => api.call(method, path, { token, ...options }));
          assertFixture(res, 400, fixtureOf(form), vars(form, message));
        }
      }
    });

    test('a bad body without a valid token is still a 401: the token is checked first', async () => {
      for (const [method, path] of BODY_ENDPOINTS) {
        assertFixture(await api.call(method, path, { raw: '{oops' }), 401, 'token-not-provided-401.json');
        assertFixture(await api.call(method, path, { raw: 'x'.repeat(70_000) }), 401, 'token-not-provided-401.json');
      }
    });

    test('unknown routes and methods: a JSON 404 in KifDom\'s error shape, with or without a token', async () => {
      for (const [method, path] of [['GET', '/nothing'], ['PATCH', '/domains'], ['GET', '/dns-zones'], ['DELETE', '/domains/mydomain.fr'], ['GET', '/auth/login'], ['POST', '/domains/mydomain.fr/renew']] as const) {
        for (const options of [{}, { token }]) {
          const res = await assertUnchanged(db(), () => api.call(method, path, options));
          assertBody(res, 404, { error: { code: 404, message: `The route api/v1${path} could not be found.` } });
        }
      }
    });

    test('the OpenAPI document lists the 16 operations of the KifDom document, with their auth', async () => {
      const doc = api.contract!.doc;
      assert.equal(doc.openapi, '3.1.0');
      const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => `${m.toUpperCase()} ${path} ${op.security ? 'auth' : 'public'}`));
      assert.deepEqual(ops.sort(), [
        'DELETE /api/v1/dns-zones auth', 'GET /api/v1/dns-zones/{domain_name} auth', 'GET /api/v1/domains auth',
        'GET /api/v1/domains/{domain_name} auth', 'GET /api/v1/name-servers/{domain_name} auth', 'GET /api/v1/preorders auth',
        'POST /api/v1/auth/login public', 'POST /api/v1/auth/logout auth', 'POST /api/v1/auth/me auth', 'POST /api/v1/auth/refresh auth',
        'POST /api/v1/dns-zones auth', 'POST /api/v1/domains auth', 'POST /api/v1/preorders auth',
        'PUT /api/v1/dns-zones auth', 'PUT /api/v1/domains/{domain_name} auth', 'PUT /api/v1/name-servers/{domain_name} auth',
      ]);
      assert.equal(COMMANDS.length, 16);
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          assert.ok(op.summary, `${method} ${path} has a summary`);
          assert.ok(op.responses['200'], `${method} ${path} documents its 200`);
          assert.ok(op.responses['401'], `${method} ${path} documents its 401`);
        }
      }
      const res = await fetch(`${api.baseUrl}/docs/openapi.yaml`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/yaml/);
    });

    test('the HTML documentation page shows every operation and links the document', async () => {
      const res = await fetch(`${api.baseUrl}/docs`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const html = await res.text();
      assert.match(html, /<title>KifDom API v1 \(regd\)<\/title>/);
      assert.match(html, /href="docs\/openapi\.yaml"/);
      for (const c of COMMANDS) assert.ok(html.includes(`<code>/api/v1${c.url.replace(/:(\w+)/g, '{$1}')}</code>`), `${c.method} ${c.url}`);
      assert.ok(html.includes('<code>renewable</code>'), 'request fields are described');
      assert.ok(!/<script/i.test(html), 'no script');
    });
  });
}
