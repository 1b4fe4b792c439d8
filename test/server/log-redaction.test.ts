/**
 * No secret reaches the server log: a server logging at `trace` into a
 * stream gets real requests in every dialect with known secrets (right and
 * wrong passwords, bearer tokens, the WAPI hash, an API key, the operator
 * token), in URLs, bodies, headers, malformed bodies, a malformed HTTP
 * request and an error; then the whole log is searched for them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { OPERATOR, setWapiPassword } from '../../src/core/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { envelopeXml, wapiAuth } from '../dialects/wedos/support.ts';
import { startTestServer, TEST_TOKEN, type TestServer } from './support.ts';

const PASSWORD = 'Pw-ALPHA7731 &x/y';
const WRONG_PASSWORD = 'Pw-BRAVO5521+z';
const WAPI_PASSWORD = 'Wapi-CHARLIE9043';
const FORM = 'application/x-www-form-urlencoded';

for (const backend of BACKENDS) {
  describe(`${backend}: secrets in the server log`, { timeout: 300_000 }, () => {
    const lines: string[] = [];
    let t: TestServer;
    let user: TestAccount;
    const secrets: Record<string, string> = {};
    const url = (path: string, query: Record<string, string> = {}) => `${t.url}${path}${Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ''}`;
    const send = (path: string, init: RequestInit & { query?: Record<string, string> } = {}) =>
      fetch(url(path, init.query), init).then(async (r) => ({ status: r.status, text: await r.text() }));

    before(async () => {
      t = await startTestServer(backend, {
        argv: ['--log-level', 'trace'],
        logStream: new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString('utf8'));
            done();
          },
        }),
        configure(app) {
          // A route that fails with secrets in its error, as a bug quoting its input would.
          app.get('/boom', async () => {
            throw new Error(`could not use password=${PASSWORD} {"auth":"${secrets.auth}"} with Bearer ${secrets.accessToken}`);
          });
        },
      });
      user = await newAccount(t.services.engine, { password: PASSWORD });
      await t.services.engine.run(setWapiPassword, { accountId: user.id, password: WAPI_PASSWORD }, { actor: OPERATOR });
      const health = (await (await fetch(`${t.url}/healthz`)).json()) as { time: string };
      Object.assign(secrets, {
        password: PASSWORD,
        wrongPassword: WRONG_PASSWORD,
        wapiPassword: WAPI_PASSWORD,
        auth: wapiAuth(user.email, WAPI_PASSWORD, new Date(health.time)),
        apiKey: user.apiKey,
        operatorToken: TEST_TOKEN,
      });
    });
    after(async () => t.close());

    test('KifDom, Freenom, WAPI, Dynadot, operator API, a malformed request and a failing route: no secret in the log', async () => {
      const json = { 'content-type': 'application/json' };
      // KifDom: logins right, wrong, malformed; the token in the header and in a query; refresh; an unknown route.
      const login = await send('/api/v1/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: user.email, password: PASSWORD }) });
      assert.equal(login.status, 200, login.text);
      secrets.accessToken = (JSON.parse(login.text) as { access_token: string }).access_token;
      const bearer = { authorization: `Bearer ${secrets.accessToken}` };
      assert.equal((await send('/api/v1/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: user.email, password: WRONG_PASSWORD }) })).status, 401);
      assert.equal((await send('/api/v1/auth/login', { method: 'POST', headers: json, body: `{"email":"${user.email}","password":"${PASSWORD}"` })).status, 400);
      assert.equal((await send('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `password=${PASSWORD}` })).status, 400);
      assert.equal((await send('/api/v1/domains', { headers: bearer, query: { token: secrets.accessToken } })).status, 200);
      const refreshed = await send('/api/v1/auth/refresh', { method: 'POST', headers: { ...json, ...bearer } });
      assert.equal(refreshed.status, 200, refreshed.text);
      secrets.refreshedToken = (JSON.parse(refreshed.text) as { access_token: string }).access_token;
      assert.equal((await send('/api/v1/auth/me', { method: 'POST', headers: { ...json, authorization: `Bearer ${secrets.accessToken}` } })).status, 401);
      assert.equal((await send('/api/v1/nowhere', { query: { password: PASSWORD, access_token: secrets.refreshedToken } })).status, 404);

      // Freenom: credentials in the query (JSON and XML, both mounts), in a form, in a malformed JSON body; an unknown function.
      const listed = await send('/v2/domain/list', { query: { email: user.email, password: PASSWORD } });
      assert.match(listed.text, /"status":"OK"/);
      assert.match((await send('/v2/domain/list.xml', { query: { email: user.email, password: WRONG_PASSWORD } })).text, /<status>error<\/status>/);
      assert.match((await send('/dotcf/v2/domain/list', { query: { email: user.email, password: PASSWORD } })).text, /"status":"OK"/);
      const form = new URLSearchParams({ email: user.email, password: PASSWORD, domainname: 'a b' }).toString();
      assert.match((await send('/v2/domain/register', { method: 'POST', headers: { 'content-type': FORM }, body: form })).text, /"status":"error"/);
      assert.match((await send('/v2/domain/list', { method: 'POST', headers: json, body: `{"email":"${user.email}","password":"${PASSWORD}"` })).text, /"status":"error"/);
      assert.match((await send('/v2/no/function', { query: { email: user.email, password: PASSWORD } })).text, /"status":"error"/);

      // WAPI: the envelope (with its replayable hash) in a GET query, JSON and XML, in a form, malformed.
      const request = { user: user.email, auth: secrets.auth!, command: 'ping' };
      assert.match((await send('/wapi/json', { query: { request: JSON.stringify({ request }) } })).text, /"code":1000/);
      assert.match((await send('/wapi/xml', { query: { request: envelopeXml(request) } })).text, /<code>1000<\/code>/);
      assert.match((await send('/wapi/json', { method: 'POST', headers: { 'content-type': FORM }, body: new URLSearchParams({ request: JSON.stringify({ request }) }).toString() })).text, /"code":1000/);
      assert.match((await send('/wapi/json', { query: { request: `{"request":{"user":"${user.email}","auth":"${secrets.auth}"` } })).text, /"code":2000/);

      // Dynadot (to come): the API key in the query.
      await send('/api3.json', { query: { key: secrets.apiKey!, command: 'search', domain0: 'example.com' } });

      // The operator API: the token in the header (right and wrong) and in a query.
      assert.equal((await send('/_ops/run', { method: 'POST', headers: { ...json, authorization: `Bearer ${TEST_TOKEN}` }, body: JSON.stringify({ command: ['clock', 'show'] }) })).status, 200);
      assert.equal((await send('/_ops/run', { method: 'POST', headers: { ...json, authorization: `Bearer ${TEST_TOKEN}x` }, body: '{}' })).status, 401);
      assert.equal((await send('/_ops/commands', { headers: { authorization: `Bearer ${TEST_TOKEN}` }, query: { token: TEST_TOKEN } })).status, 200);

      // A malformed HTTP request carrying a bearer token (Node's parser error keeps the raw bytes).
      const port = Number(new URL(t.url).port);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(`GET /x HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer ${secrets.accessToken}\r\nbad header line\r\n\r\n`));
        socket.on('error', reject);
        socket.on('close', () => resolve());
        socket.resume();
      });

      // A route failing with secrets in its error.
      assert.equal((await send('/boom', { query: { password: PASSWORD } })).status, 500);
      await t.close();

      const log = lines.join('');
      const forms = (secret: string) => new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), secret.split('.').at(-1)!]);
      const found = Object.entries(secrets).flatMap(([name, secret]) =>
        [...forms(secret)].filter((form) => form.length >= 8 && log.includes(form)).map((form) => `${name} (${form})`));
      assert.deepEqual(found, [], 'secrets in the log');
      // Not even a part of a password (the markers in them).
      assert.deepEqual(['ALPHA7731', 'BRAVO5521', 'CHARLIE9043'].filter((marker) => log.includes(marker)), []);
      // The log is not empty: the requests were logged, with their secrets redacted.
      assert.ok(log.includes(`"url":"/v2/domain/list?email=[REDACTED]&password=[REDACTED]"`), 'the Freenom URL, redacted');
      assert.ok(log.includes(`"url":"/api3.json?key=[REDACTED]&command=search&domain0=example.com"`), 'the Dynadot URL, redacted');
      assert.ok(log.includes('\\"auth\\":\\"[REDACTED]\\"'), 'the WAPI envelope, redacted');
      assert.ok(log.includes('client error'), 'the malformed request, at trace level');
      assert.ok(log.includes('could not use password=[REDACTED]'), 'the failing route, redacted');
    });
  });
}
