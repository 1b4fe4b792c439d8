/**
 * Concurrent requests per account level (spec §3, §17; README "Concurrent
 * requests"): a request holds its slot from its arrival (key and command in
 * the query, its POST body still arriving) until its answer; beyond the
 * level's allowance the next request is refused in the generic envelope
 * while is_processing answers `yes`; once the held requests are answered,
 * requests pass again and is_processing answers `no`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { BACKENDS } from '../../support/backends.ts';
import { startTestServer, waitFor, type TestServer } from '../../server/support.ts';
import { assertBody, dynadotAccount, type Client } from './support.ts';

const ONE = 'only one request can be processed at a time, please wait for your current request to finish before sending another';
const FIVE = 'only 5 requests can be processed at a time, please wait for your current requests to finish before sending another';

interface Held {
  /** Sends the rest of the body; resolves with the answer. */
  finish(): Promise<{ status: number; text: string }>;
  readonly req: ClientRequest;
}

/** A POST whose query names key and command and whose form body is sent in two parts: the second only on finish(). */
function holdOpen(base: string, key: string, command: string): Held {
  // Padding without values: a parameter sent empty counts as absent (an unknown one with a value is refused).
  const first = 'pad=';
  const rest = `&${'x'.repeat(64)}=`;
  const url = new URL(`${base}/api3.json?key=${encodeURIComponent(key)}&command=${command}`);
  let resolveAnswer!: (v: { status: number; text: string }) => void;
  let rejectAnswer!: (e: Error) => void;
  const answer = new Promise<{ status: number; text: string }>((res, rej) => {
    resolveAnswer = res;
    rejectAnswer = rej;
  });
  const req = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(first.length + rest.length) },
  }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
  });
  req.on('error', rejectAnswer);
  req.flushHeaders();
  req.write(first);
  return {
    req,
    finish() {
      req.end(rest);
      return answer;
    },
  };
}

const processing = async (c: Client) => JSON.parse((await c.json('is_processing')).text) as { Response: { ResponseMsg: string } };

for (const backend of BACKENDS) {
  describe(`${backend}: Dynadot concurrent requests`, { timeout: 120_000 }, () => {
    let t: TestServer;

    before(async () => {
      t = await startTestServer(backend);
    });
    after(() => t.close());

    test('a regular account: one request at a time; is_processing says yes meanwhile, no after', async () => {
      const a = await dynadotAccount(t.services.engine, t.url);
      assert.equal((await processing(a.c)).Response.ResponseMsg, 'no');
      const held = holdOpen(t.url, a.c.key, 'get_account_balance');
      await waitFor(async () => (await processing(a.c)).Response.ResponseMsg === 'yes', 'the held request to take its slot');
      assertBody(await a.c.json('get_account_balance'), JSON.stringify({ Response: { ResponseCode: '-1', Error: ONE } }));
      assertBody(await a.c.xml('account_info'), `<Response>\n  <ResponseHeader>\n    <ResponseCode>-1</ResponseCode>\n    <Error>${ONE}</Error>\n  </ResponseHeader>\n</Response>\n`);
      assertBody(await a.c.csv('is_processing'), 'ok,yes\n');
      // Another account is not held up.
      const other = await dynadotAccount(t.services.engine, t.url);
      assert.match((await other.c.json('get_account_balance')).text, /"Status":"success"/);

      const answer = await held.finish();
      assert.equal(answer.status, 200);
      assert.equal(answer.text, '{"GetAccountBalanceResponse":{"ResponseCode":0,"Status":"success","BalanceList":[{"Currency":"USD","Amount":"1000.00"}]}}');
      await waitFor(async () => (await processing(a.c)).Response.ResponseMsg === 'no', 'the slot to be released');
      assert.match((await a.c.json('get_account_balance')).text, /"Status":"success"/);
      assert.match((await a.c.json('account_info')).text, /"Status":"success"/);
      assert.equal((await processing(a.c)).Response.ResponseMsg, 'no');
    });

    test('a bulk account: five at once, the sixth refused; all pass again after', async () => {
      const b = await dynadotAccount(t.services.engine, t.url, { level: 'bulk' });
      const held: Held[] = [];
      for (let i = 0; i < 5; i++) held.push(holdOpen(t.url, b.c.key, 'get_account_balance'));
      // The slot count is only visible through refusals: wait until the five are in.
      await waitFor(async () => (await processing(b.c)).Response.ResponseMsg === 'yes', 'the held requests to take their slots');
      await waitFor(async () => (await b.c.json('account_info')).text.includes(FIVE), 'the sixth request to be refused');
      assertBody(await b.c.json('get_account_balance'), JSON.stringify({ Response: { ResponseCode: '-1', Error: FIVE } }));
      const answers = await Promise.all(held.map((h) => h.finish()));
      for (const r of answers) assert.match(r.text, /^\{"GetAccountBalanceResponse":\{"ResponseCode":0,"Status":"success"/);
      await waitFor(async () => (await processing(b.c)).Response.ResponseMsg === 'no', 'the slots to be released');
      const again = await Promise.all([1, 2, 3, 4, 5].map(() => b.c.json('get_account_balance')));
      for (const r of again) assert.match(r.text, /"Status":"success"/);
    });
  });
}
