/**
 * WAPI transport, envelope, auth and limits over real HTTP (issue 8): every
 * way a client sends the request, JSON and XML both ways, test mode, the
 * Prague-hour hash across DST, IP blocking and allowlists, hourly limits.
 * Whole responses are compared with only timestamp and svTRID normalised.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { notify, OPERATOR, pollNotification, SYSTEM } from '../../../src/core/index.ts';
import { acceptedHours, pragueDateTime, pragueHour } from '../../../src/dialects/wedos/prague.ts';
import { WAPI_CODES } from '../../../src/dialects/wedos/codes.ts';
import { CATEGORY_MAP, CODE_MAP } from '../../../src/dialects/wedos/errors.ts';
import { BACKENDS } from '../../support/backends.ts';
import { ops, startTestServer, type TestServer } from '../../server/support.ts';
import {
  assertResponse, envelope, envelopeXml, expected, newWapiAccount, postRaw, pragueHour as clientPragueHour, sha1, wapiAuth,
  WapiClient,
} from './support.ts';

const T = WAPI_CODES;

describe('WAPI: the Prague hour (pure)', () => {
  test('CET and CEST switch at 01:00 UTC on the last Sundays of March and October', () => {
    const cases: [string, string][] = [
      ['2026-01-15T10:00:00Z', '11'],
      ['2026-03-29T00:59:59Z', '01'],
      ['2026-03-29T01:00:00Z', '03'],
      ['2026-07-01T22:30:00Z', '00'],
      ['2026-10-25T00:59:59Z', '02'],
      ['2026-10-25T01:00:00Z', '02'],
      ['2026-10-25T02:00:00Z', '03'],
      ['2026-12-31T23:00:00Z', '00'],
      ['2040-03-25T01:00:00Z', '03'],
      ['2040-03-24T01:00:00Z', '02'],
    ];
    for (const [at, hh] of cases) {
      assert.equal(pragueHour(new Date(at)), hh, at);
      assert.equal(clientPragueHour(new Date(at)), hh, `test client: ${at}`);
    }
    assert.equal(pragueDateTime(new Date('2026-07-01T22:30:05Z')), '2026-07-02 00:30:05');
  });

  test('the previous hour across DST: the wall-clock hour an hour earlier', () => {
    assert.deepEqual(acceptedHours(new Date('2026-03-29T01:30:00Z'), true), ['03', '01']);
    assert.deepEqual(acceptedHours(new Date('2026-10-25T01:30:00Z'), true), ['02']);
    assert.deepEqual(acceptedHours(new Date('2026-10-25T02:30:00Z'), true), ['03', '02']);
    assert.deepEqual(acceptedHours(new Date('2026-01-15T00:10:00Z'), true), ['01', '00']);
    assert.deepEqual(acceptedHours(new Date('2026-01-14T23:10:00Z'), true), ['00', '23']);
    assert.deepEqual(acceptedHours(new Date('2026-03-29T01:30:00Z'), false), ['03']);
  });
});

describe('WAPI: the code table', () => {
  test('every code of the seed document and every mapped code has an English text', () => {
    const seed = [
      1000, 1001, 3201, 3204, 3205, 3206, 3002, 2201, 2203, 3221, 4207, 3222, 3216, 3223, 4205, 2269, 2209, 2210, 3217, 3218,
      2100, 2101, 2202, 2204, 2207, 2215, 2245, 2246, 2252, 2263, 2271, 3001, 3003, 3207, 3208, 3219, 3220, 3226, 3227, 3258,
      3266, 3267, 4002, 4003, 4206, 4209, 5001, 5002, 5004, 2243, 3209, 3210, 4214,
    ];
    const general = [1002, 1003, 2000, 2001, 2002, 2003, 2005, 2006, 2007, 2009, 2010, 2011, 2050, 2051, 2052, 2151, 5000];
    for (const code of [...seed, ...general, ...Object.values(CODE_MAP), ...Object.values(CATEGORY_MAP)]) {
      assert.ok(typeof T[code] === 'string' && T[code] !== '', `code ${code} has a text`);
    }
  });
});

/** A request with an explicit Prague hour in the hash. */
function hashAt(login: string, password: string, hh: string): string {
  return sha1(login + sha1(password) + hh);
}

function form(request: Record<string, unknown>): string {
  return new URLSearchParams({ request: JSON.stringify({ request }) }).toString();
}

const FORM = 'application/x-www-form-urlencoded';

for (const backend of BACKENDS) {
  describe(`WAPI transport [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    let client: WapiClient;
    const auth = async () => wapiAuth(a.email, a.wapiPassword, await client.serverNow());

    before(async () => {
      s = await startTestServer(backend);
      a = await newWapiAccount(s.services.engine);
      client = new WapiClient(s.url, a.email, a.wapiPassword);
    });
    after(() => s.close());

    test('URL-encoded form field (lego, acme.sh): JSON answer, HTTP 200, content type', async () => {
      const r = await client.call('ping', undefined, { clTRID: 'cl-1' });
      assertResponse(r, expected('ping', 1000, 'OK', { clTRID: 'cl-1' }));
      const res = await fetch(`${s.url}/wapi/json`, { method: 'POST', headers: { 'content-type': FORM }, body: form(envelope(a.email, await auth(), 'ping')) });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      const raw = await res.text();
      assert.match(raw, /^\{"response":\{"code":1000,"result":"OK","timestamp":\d+,"svTRID":"\d+\.\d{4}\.\d+\.1","command":"ping"\}\}$/, 'compact, keys in order, numbers as numbers');
    });

    test('unencoded form body, bare JSON body, wrapper-less JSON, multipart field and file, GET query', async () => {
      const req = envelope(a.email, await auth(), 'ping', undefined, { clTRID: 'a+b&c=d %41' });
      const want = expected('ping', 1000, 'OK', { clTRID: 'a+b&c=d %41' });
      assertResponse(await postRaw(s.url, 'json', `request=${JSON.stringify({ request: req })}`, FORM), want, 'unencoded form');
      assertResponse(await postRaw(s.url, 'json', JSON.stringify({ request: req }), 'application/json'), want, 'bare JSON');
      assertResponse(await postRaw(s.url, 'json', JSON.stringify({ request: req })), want, 'bare JSON, no content type');
      assertResponse(await postRaw(s.url, 'json', JSON.stringify(req), 'application/json'), want, 'no request wrapper');
      const fd = new FormData();
      fd.set('request', JSON.stringify({ request: req }));
      assertResponse(await postRaw(s.url, 'json', fd), want, 'multipart field');
      const file = new FormData();
      file.set('request', new Blob([JSON.stringify({ request: req })], { type: 'application/json' }), 'request.json');
      assertResponse(await postRaw(s.url, 'json', file), want, 'multipart file');
      const res = await fetch(`${s.url}/wapi/json?${form(req)}`);
      assertResponse({ status: res.status, raw: '', body: ((await res.json()) as { response: unknown }).response }, want, 'GET query');
    });

    test('XML in and out, and each format to the other path', async () => {
      const req = envelope(a.email, await auth(), 'ping', undefined, { clTRID: 'x<1>&' });
      const xmlReq = envelopeXml(req);
      const want = expected('ping', 1000, 'OK', { clTRID: 'x<1>&' });
      const xml = await postRaw(s.url, 'xml', new URLSearchParams({ request: xmlReq }).toString(), FORM);
      assertResponse(xml, want, 'XML in, XML out');
      assert.match(xml.raw, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<response><code>1000<\/code><result>OK<\/result><timestamp>\d+<\/timestamp><clTRID>x&lt;1&gt;&amp;<\/clTRID><svTRID>[\d.]+<\/svTRID><command>ping<\/command><\/response>$/);
      assertResponse(await postRaw(s.url, 'xml', xmlReq, 'text/xml'), want, 'bare XML body');
      assertResponse(await postRaw(s.url, 'json', xmlReq, 'text/xml'), want, 'XML in, JSON out');
      assertResponse(await postRaw(s.url, 'xml', JSON.stringify({ request: req }), 'application/json'), want, 'JSON in, XML out');
      const res = await fetch(`${s.url}/wapi/xml`, { method: 'POST', body: xmlReq });
      assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
    });

    test('XML data: lists as repeated elements both ways, key order of the envelope', async () => {
      await s.services.engine.run(
        (ctx) => notify(ctx, { accountId: a.accountId, kind: 'domain.created', domainName: 'listed.cz', message: 'created', payload: { orderNumber: 1000123, expiresAt: '2031-02-03T04:05:06.000Z' } }),
        undefined,
        { actor: SYSTEM },
      );
      const r = await client.call('poll-req', '', { format: 'xml', clTRID: 'p1' });
      assert.match(r.raw, /<response><code>1000<\/code><result>OK<\/result><timestamp>\d+<\/timestamp><clTRID>p1<\/clTRID><svTRID>[\d.]+<\/svTRID><command>poll-req<\/command><data><notify><code>1000<\/code><result>OK<\/result><timestamp>\d+<\/timestamp><clTRID><\/clTRID><svTRID>[\d.]+<\/svTRID><command>domain-create<\/command><id>\d+<\/id><data><name>listed\.cz<\/name><event>domain\.created<\/event><message>created<\/message><num>1000123<\/num><expiration>2031-02-03<\/expiration><\/data><\/notify><\/data><\/response>$/);
      const id = (r.body as { data: { notify: { id: string } } }).data.notify.id;
      assertResponse(await client.call('poll-ack', { id }, { format: 'xml' }), expected('poll-ack', 1002, T[1002]!));
    });

    test('data absent, "", [], null or an object; anything else is 2000', async () => {
      for (const data of [undefined, '', [], null]) {
        assertResponse(await client.call('ping', data), expected('ping', 1000, 'OK'), `data ${JSON.stringify(data)}`);
        assertResponse(await client.call('contact-info', data), expected('contact-info', 2100, 'Required parameter missing: cname'), `data ${JSON.stringify(data)}`);
      }
      assertResponse(await client.call('contact-info', { cname: 'NOPE-1' }), expected('contact-info', 3229, T[3229]!));
      for (const data of [5, 'x', [1], true]) {
        assertResponse(await client.call('ping', data), expected('ping', 2000, 'Request parse error: data must be an object'), `data ${JSON.stringify(data)}`);
      }
      assertResponse(await client.call('ping', '', { format: 'xml' }), expected('ping', 1000, 'OK'), 'empty XML data element');
    });

    test('test mode validates, runs and rolls back; 0/false run for real; anything else is 2101', async () => {
      const send = async (test: unknown) => postRaw(s.url, 'json', form({ ...envelope(a.email, await auth(), 'ping-async'), test }), FORM);
      for (const flag of [1, '1', true, 'true', 'TRUE']) {
        assertResponse(await send(flag), expected('ping-async', 1001, T[1001]!), `test ${JSON.stringify(flag)}`);
        assertResponse(await client.call('poll-req'), expected('poll-req', 1003, T[1003]!), `nothing queued under test ${JSON.stringify(flag)}`);
      }
      const xml = envelopeXml({ ...envelope(a.email, await auth(), 'ping-async'), test: 1 });
      assertResponse(await postRaw(s.url, 'xml', xml, 'text/xml'), expected('ping-async', 1001, T[1001]!), 'XML <test>1</test>');
      assertResponse(await client.call('poll-req'), expected('poll-req', 1003, T[1003]!));
      assertResponse(await send('yes'), expected('ping-async', 2101, 'Invalid parameter value: test'));
      for (const flag of [0, '0', false, 'false', '']) {
        assertResponse(await send(flag), expected('ping-async', 1001, T[1001]!), `test ${JSON.stringify(flag)}`);
        const polled = await client.call('poll-req');
        assert.equal(polled.body.code, 1000, `a notification is queued with test ${JSON.stringify(flag)}`);
        assertResponse(await client.call('poll-ack', { id: polled.body.data.notify.id }), expected('poll-ack', 1002, T[1002]!));
      }
    });

    test('malformed requests: 2000; empty: 2009; missing user/auth/command: 2001/2002/2003; unknown command 2010', async () => {
      const good = await auth();
      const cases: [string | FormData, string | undefined, Record<string, unknown>][] = [
        ['garbage', 'text/plain', expected('', 2000, 'Request parse error: malformed JSON')],
        ['request=%7B%22request%22%3A', FORM, expected('', 2000, 'Request parse error: malformed JSON')],
        ['{"request": {"user": ', 'application/json', expected('', 2000, 'Request parse error: malformed JSON')],
        ['[1,2]', 'application/json', expected('', 2000, 'Request parse error: a JSON object is required')],
        ['{"hello":1}', 'application/json', expected('', 2000, 'Request parse error: no request element')],
        ['<request><user>x</user>', 'text/xml', expected('', 2000, 'Request parse error: malformed XML')],
        ['<other><user>x</user></other>', 'text/xml', expected('', 2000, 'Request parse error: no request element')],
        ['<!DOCTYPE r [<!ENTITY x "y">]><request><user>&x;</user></request>', 'text/xml', expected('', 2000, 'Request parse error: DTDs are not accepted')],
        ['', 'text/plain', expected('', 2009, T[2009]!)],
        ['request=', FORM, expected('', 2009, T[2009]!)],
        [form({ auth: good, command: 'ping' }), FORM, expected('ping', 2001, T[2001]!)],
        [form({ user: '  ', auth: good, command: 'ping' }), FORM, expected('ping', 2001, T[2001]!)],
        [form({ user: a.email, command: 'ping' }), FORM, expected('ping', 2002, T[2002]!)],
        [form({ user: a.email, auth: good }), FORM, expected('', 2003, T[2003]!)],
        [form({ user: a.email, auth: good, command: 'ping', clTRID: 'x'.repeat(256) }), FORM, expected('ping', 2005, T[2005]!, { clTRID: 'x'.repeat(255) })],
        [form({ user: a.email, auth: good, command: 'no-such-command', clTRID: 7 }), FORM, expected('no-such-command', 2010, T[2010]!, { clTRID: '7' })],
        [form({ user: a.email, auth: good, command: 'PING' }), FORM, expected('PING', 1000, 'OK')],
      ];
      for (const [body, type, want] of cases) assertResponse(await postRaw(s.url, 'json', body, type), want, `${String(body).slice(0, 60)}`);
      const big = await postRaw(s.url, 'json', `request=${'x'.repeat(1024 * 1024 + 10)}`, FORM);
      assertResponse(big, expected('', 2007, T[2007]!), 'body over 1 MiB');
      const lost = await fetch(`${s.url}/wapi/nowhere`, { method: 'POST' });
      assert.equal(lost.status, 404);
      const body = ((await lost.json()) as { response: Record<string, unknown> }).response;
      assertResponse({ status: 200, raw: '', body }, expected('', 2000, T[2000]!), 'unknown path');
    });

    test('unreadable transport (issue 12): XML nested too deep 2008, XML the parser refuses and unreadable multipart 2000, in the path\'s format; never 5000', async () => {
      const nested = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
      const deepXml = `<request><user>${a.email}</user><auth>x</auth><command>ping</command><data>${nested(200)}</data></request>`;
      const MULTIPART = 'multipart/form-data; boundary=XX';
      const truncated = '--XX\r\nContent-Disposition: form-data; name="request"\r\n\r\n{"request":{"user":"x"}}';
      const malformedXml = expected('', 2000, 'Request parse error: malformed XML');
      const malformedMultipart = expected('', 2000, 'Request parse error: malformed multipart body');
      for (const format of ['json', 'xml'] as const) {
        const cases: [string, string | undefined, Record<string, unknown>, string][] = [
          [deepXml, 'text/xml', expected('', 2008, T[2008]!), 'XML nested 200 deep'],
          [new URLSearchParams({ request: deepXml }).toString(), FORM, expected('', 2008, T[2008]!), 'the same in a form field'],
          [`<request><__proto__>x</__proto__><user>u</user></request>`, 'text/xml', malformedXml, 'an element __proto__'],
          [`<request><user><constructor>x</constructor></user></request>`, 'text/xml', malformedXml, 'an element constructor'],
          [truncated, MULTIPART, malformedMultipart, 'truncated multipart'],
          ['request=x', 'multipart/form-data', malformedMultipart, 'multipart without a boundary'],
          ['', MULTIPART, expected('', 2009, T[2009]!), 'empty multipart'],
        ];
        for (const [body, type, want, what] of cases) {
          const r = await postRaw(s.url, format, body, type);
          assertResponse(r, want, `${format}: ${what}`);
          assert.ok(r.raw.startsWith(format === 'json' ? '{"response":' : '<?xml'), `${format}: ${what} in the path's format`);
        }
      }
      const good = await auth();
      const shallow = `<request><user>${a.email}</user><auth>${good}</auth><command>ping</command><data>${nested(95)}</data></request>`;
      assertResponse(await postRaw(s.url, 'xml', shallow, 'text/xml'), expected('ping', 1000, 'OK'), 'XML 100 deep is read');
      const deepJson = `{"request":{"user":"${a.email}","auth":"${good}","command":"ping","data":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
      assertResponse(await postRaw(s.url, 'json', deepJson, 'application/json'), expected('ping', 1000, 'OK'), 'deeply nested JSON is read');
      assertResponse(await postRaw(s.url, 'json', JSON.stringify({ request: envelope(a.email, good, 'ping') }), 'multipart/form-data'), expected('ping', 1000, 'OK'), 'a bare envelope labelled multipart');
      const fd = new FormData();
      fd.set('request', new Blob(['x'.repeat(1024 * 1024 + 10)]), 'request.json');
      assertResponse(await postRaw(s.url, 'json', fd), expected('', 2007, T[2007]!), 'a multipart file over 1 MiB');
    });

    test('authentication failures: wrong hash, unknown user, no WAPI password, wrong hour: 2050; suspended account', async () => {
      const wrong: [string, string][] = [
        [a.email, 'deadbeef'],
        [a.email, hashAt(a.email, 'not-the-password', clientPragueHour(await client.serverNow()))],
        ['nobody@example.test', hashAt('nobody@example.test', a.wapiPassword, clientPragueHour(await client.serverNow()))],
      ];
      const now = await client.serverNow();
      const twoHoursAgo = clientPragueHour(new Date(now.getTime() - 2 * 3_600_000));
      wrong.push([a.email, hashAt(a.email, a.wapiPassword, twoHoursAgo)]);
      for (const [user, hash] of wrong) {
        assertResponse(await postRaw(s.url, 'json', form(envelope(user, hash, 'ping')), FORM), expected('ping', 2050, T[2050]!), `${user} ${hash}`);
      }
      assertResponse(await postRaw(s.url, 'json', form(envelope(a.email.toUpperCase(), wapiAuth(a.email.toUpperCase(), a.wapiPassword, now), 'ping')), FORM), expected('ping', 1000, 'OK'), 'login in another case, hashed as sent');
      assertResponse(await postRaw(s.url, 'json', form(envelope(a.email, (await auth()).toUpperCase(), 'ping')), FORM), expected('ping', 1000, 'OK'), 'upper-case hash');
      const plain = await ops(s.url, 'account create', { email: `nowapi-${process.pid}@example.test`, password: 'correct horse battery' });
      assert.equal(plain.status, 200);
      const email = `nowapi-${process.pid}@example.test`;
      assertResponse(await postRaw(s.url, 'json', form(envelope(email, wapiAuth(email, '', now), 'ping')), FORM), expected('ping', 2050, T[2050]!), 'no WAPI password');
      const b = await newWapiAccount(s.services.engine);
      assert.equal((await ops(s.url, 'account suspend', { account: String(b.accountId) })).status, 200);
      const bc = new WapiClient(s.url, b.email, b.wapiPassword);
      assertResponse(await bc.call('ping'), expected('ping', 2050, 'Authentication failure: the account is suspended'));
      assert.equal((await ops(s.url, 'account activate', { account: String(b.accountId) })).status, 200);
      assertResponse(await bc.call('ping'), expected('ping', 1000, 'OK'));
    });

    test('IP allowlist: 2051 outside the networks, checked after authentication; cleared: any address', async () => {
      const b = await newWapiAccount(s.services.engine);
      const bc = new WapiClient(s.url, b.email, b.wapiPassword);
      const set = await ops(s.url, 'account wapi-ips', { account: b.email, set: '192.0.2.7/24, 2001:db8::1' });
      assert.deepEqual(set.body, { result: { accountId: b.accountId, networks: ['192.0.2.0/24', '2001:db8::1/128'] } });
      assertResponse(await bc.call('ping', undefined, { clTRID: 'ip' }), expected('ping', 2051, T[2051]!, { clTRID: 'ip' }));
      assertResponse(await postRaw(s.url, 'json', form(envelope(b.email, 'bad', 'ping')), FORM), expected('ping', 2050, T[2050]!), 'wrong hash first');
      await ops(s.url, 'account wapi-ips', { account: b.email, set: '127.0.0.0/8' });
      assertResponse(await bc.call('ping'), expected('ping', 1000, 'OK'));
      const bad = await ops(s.url, 'account wapi-ips', { account: b.email, set: '300.1.1.1' });
      assert.equal(bad.body.error?.code, 'INVALID_VALUE');
      await ops(s.url, 'account wapi-ips', { account: b.email, set: '192.0.2.0/24' });
      assertResponse(await bc.call('ping'), expected('ping', 2051, T[2051]!));
      const cleared = await ops(s.url, 'account wapi-ips', { account: b.email, clear: true });
      assert.deepEqual(cleared.body, { result: { accountId: b.accountId, networks: [] } });
      assertResponse(await bc.call('ping'), expected('ping', 1000, 'OK'));
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'), 'other accounts are not affected');
    });
  });

  describe(`WAPI auth hour across DST, previous hour on [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    const logLines: string[] = [];
    const at = (hh: string) => postRaw(s.url, 'json', form(envelope(a.email, hashAt(a.email, a.wapiPassword, hh), 'ping')), FORM);
    const warnings = () => logLines.map((l) => JSON.parse(l) as { level: number; msg: string; accountId?: number; hour?: string }).filter((l) => l.level === 40);

    before(async () => {
      s = await startTestServer(backend, {
        argv: ['--wapi-previous-hour', 'true', '--log-level', 'warn'],
        logStream: new Writable({ write(chunk: Buffer, _encoding, done) { logLines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== '')); done(); } }),
      });
      a = await newWapiAccount(s.services.engine);
    });
    after(() => s.close());

    test('each login with the previous hour is a warning naming the account; the current hour is not', async () => {
      assert.equal((await ops(s.url, 'clock set', { at: '2040-01-15T10:30:00Z' })).status, 200);
      logLines.length = 0;
      assertResponse(await at('11'), expected('ping', 1000, 'OK'), 'current hour');
      assert.deepEqual(warnings(), [], 'no warning for the current hour');
      assertResponse(await at('10'), expected('ping', 1000, 'OK'), 'previous hour');
      assertResponse(await at('10'), expected('ping', 1000, 'OK'), 'previous hour again');
      const w = warnings();
      assert.equal(w.length, 2, 'one warning per use');
      for (const line of w) {
        assert.equal(line.accountId, a.accountId);
        assert.equal(line.hour, '10');
        assert.match(line.msg, new RegExp(`account .*\\(id ${a.accountId}\\) authenticated with the previous Prague hour`));
      }
    });

    test('spring forward: 01 CET, then 03 CEST with 01 accepted for an hour, never 02', async () => {
      assert.equal((await ops(s.url, 'clock set', { at: '2040-03-25T00:30:00Z' })).status, 200);
      assertResponse(await at('01'), expected('ping', 1000, 'OK'));
      assertResponse(await at('00'), expected('ping', 1000, 'OK'), 'previous hour');
      assertResponse(await at('02'), expected('ping', 2050, T[2050]!));
      await ops(s.url, 'clock advance', { duration: '1h' });
      assertResponse(await at('03'), expected('ping', 1000, 'OK'));
      assertResponse(await at('01'), expected('ping', 1000, 'OK'), 'the hour before the jump');
      assertResponse(await at('02'), expected('ping', 2050, T[2050]!), '02 never existed');
      await ops(s.url, 'clock advance', { duration: '1h' });
      assertResponse(await at('04'), expected('ping', 1000, 'OK'));
      assertResponse(await at('03'), expected('ping', 1000, 'OK'));
      assertResponse(await at('01'), expected('ping', 2050, T[2050]!));
    });

    test('fall back: 02 CEST, 02 CET again, then 03', async () => {
      assert.equal((await ops(s.url, 'clock set', { at: '2040-10-28T00:30:00Z' })).status, 200);
      assertResponse(await at('02'), expected('ping', 1000, 'OK'));
      await ops(s.url, 'clock advance', { duration: '1h' });
      assertResponse(await at('02'), expected('ping', 1000, 'OK'), 'the repeated hour');
      assertResponse(await at('03'), expected('ping', 2050, T[2050]!), 'not yet 03');
      await ops(s.url, 'clock advance', { duration: '1h' });
      assertResponse(await at('03'), expected('ping', 1000, 'OK'));
      assertResponse(await at('02'), expected('ping', 1000, 'OK'));
    });
  });

  describe(`WAPI auth, previous hour off (the default) [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    const at = (hh: string) => postRaw(s.url, 'json', form(envelope(a.email, hashAt(a.email, a.wapiPassword, hh), 'ping')), FORM);

    before(async () => {
      s = await startTestServer(backend);
      a = await newWapiAccount(s.services.engine);
    });
    after(() => s.close());

    test('only the current Prague hour', async () => {
      assert.equal((await ops(s.url, 'clock set', { at: '2040-03-25T01:30:00Z' })).status, 200);
      assertResponse(await at('03'), expected('ping', 1000, 'OK'));
      assertResponse(await at('01'), expected('ping', 2050, T[2050]!));
      assertResponse(await at('02'), expected('ping', 2050, T[2050]!));
    });

    test('in winter the UTC hour is the previous Prague hour: a client hashing in UTC is refused', async () => {
      assert.equal((await ops(s.url, 'clock set', { at: '2040-12-15T10:30:00Z' })).status, 200);
      assertResponse(await at('11'), expected('ping', 1000, 'OK'), 'Prague hour');
      assertResponse(await at('10'), expected('ping', 2050, T[2050]!), 'UTC hour');
    });
  });

  describe(`WAPI IP blocking [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    let client: WapiClient;

    before(async () => {
      s = await startTestServer(backend);
      a = await newWapiAccount(s.services.engine);
      client = new WapiClient(s.url, a.email, a.wapiPassword);
    });
    after(() => s.close());

    test('10 failures in an hour block the address for an hour (right credentials too); the block ends with the clock', async () => {
      const fail = () => postRaw(s.url, 'json', form(envelope(a.email, 'wrong', 'ping')), FORM);
      for (let i = 1; i <= 9; i++) assertResponse(await fail(), expected('ping', 2050, T[2050]!), `failure ${i}`);
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'), 'not blocked after 9');
      assertResponse(await fail(), expected('ping', 2050, T[2050]!), 'failure 10');
      assertResponse(await client.call('ping', undefined, { clTRID: 'b' }), expected('ping', 2052, T[2052]!, { clTRID: 'b' }));
      assertResponse(await fail(), expected('ping', 2052, T[2052]!));
      await ops(s.url, 'clock advance', { duration: '59m' });
      assertResponse(await client.call('ping'), expected('ping', 2052, T[2052]!), 'still blocked after 59 minutes');
      await ops(s.url, 'clock advance', { duration: '2m' });
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'), 'unblocked after the hour');
      assertResponse(await fail(), expected('ping', 2050, T[2050]!), 'counting starts afresh');
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'));
    });

    test('failures older than the window do not count', async () => {
      const fail = () => postRaw(s.url, 'json', form(envelope(a.email, 'wrong', 'ping')), FORM);
      await ops(s.url, 'clock advance', { duration: '2h' });
      for (let i = 0; i < 9; i++) await fail();
      await ops(s.url, 'clock advance', { duration: '61m' });
      assertResponse(await fail(), expected('ping', 2050, T[2050]!));
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'), 'one failure in the window');
    });
  });

  describe(`WAPI hourly limits [${backend}]`, () => {
    let s: TestServer;
    let a: { email: string; wapiPassword: string; accountId: number };
    let client: WapiClient;

    before(async () => {
      s = await startTestServer(backend, { argv: ['--wapi-requests-per-hour', '5', '--wapi-limited-per-hour', '2'] });
      a = await newWapiAccount(s.services.engine);
      client = new WapiClient(s.url, a.email, a.wapiPassword);
      assert.equal((await ops(s.url, 'clock set', { at: '2040-01-01T10:00:00Z' })).status, 200);
    });
    after(() => s.close());

    test('limited commands: 2252 over their own limit; all commands: 2006; nothing executed; the next clock hour resets', async () => {
      const check = () => client.call('domain-check', { name: `free-name-${process.pid}.com` });
      assert.equal((await check()).body.code, 1000);
      assert.equal((await check()).body.code, 1000);
      assertResponse(await check(), expected('domain-check', 2252, T[2252]!));
      assertResponse(await client.call('ping'), expected('ping', 1000, 'OK'), 'other commands still run (3 of 5)');
      assertResponse(await client.call('ping-async'), expected('ping-async', 1001, T[1001]!), '4 of 5');
      assertResponse(await client.call('poll-req'), { ...expected('poll-req', 1000, 'OK'), data: (await pollData()) }, '5 of 5');
      assertResponse(await client.call('ping-async'), expected('ping-async', 2006, T[2006]!));
      assertResponse(await client.call('ping'), expected('ping', 2006, T[2006]!));
      const other = await newWapiAccount(s.services.engine);
      assertResponse(await new WapiClient(s.url, other.email, other.wapiPassword).call('ping'), expected('ping', 1000, 'OK'), 'per account');
      await ops(s.url, 'clock advance', { duration: '1h' });
      const polled = await client.call('poll-req');
      assert.equal(polled.body.code, 1000, 'a new hour');
      assertResponse(await client.call('poll-ack', { id: polled.body.data.notify.id }), expected('poll-ack', 1002, T[1002]!));
      assertResponse(await client.call('poll-req'), expected('poll-req', 1003, T[1003]!), 'the refused ping-async queued nothing');
      assert.equal((await check()).body.code, 1000, 'domain requests reset too');
    });

    async function pollData(): Promise<unknown> {
      const { notification } = await s.services.engine.run(pollNotification, { accountId: a.accountId }, { actor: OPERATOR });
      const n = notification!;
      return { notify: { code: 1000, result: 'OK', timestamp: Math.floor(n.createdAt.getTime() / 1000), clTRID: '', svTRID: n.payload.svTRID, command: 'ping-async', id: n.id } };
    }
  });

  describe(`WAPI limits off [${backend}]`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(backend, { argv: ['--wapi-limits', 'false', '--wapi-requests-per-hour', '1'] });
    });
    after(() => s.close());

    test('no 2006 when limits are off', async () => {
      const a = await newWapiAccount(s.services.engine);
      const c = new WapiClient(s.url, a.email, a.wapiPassword);
      for (let i = 0; i < 3; i++) assertResponse(await c.call('ping'), expected('ping', 1000, 'OK'));
    });
  });
}
