import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../support/backends.ts';
import { startTestServer, type TestServer } from './support.ts';

for (const backend of BACKENDS) {
  describe(`${backend}: health, 404, metrics`, { timeout: 120_000 }, () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer(backend);
    });
    after(async () => t.close());

    test('GET /healthz reports the database, the engine clock and the mode', async () => {
      const res = await fetch(`${t.url}/healthz`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as Record<string, string>;
      assert.deepEqual(Object.keys(body), ['status', 'database', 'time', 'mode']);
      assert.equal(body.status, 'ok');
      assert.equal(body.database, backend);
      assert.equal(body.mode, 'sandbox');
      const skew = Math.abs(new Date(body.time!).getTime() - t.services.engine.clock.now().getTime());
      assert.ok(skew < 5000, `time ${body.time} is the engine clock's`);
    });

    test('unknown routes answer a JSON 404', async () => {
      for (const path of ['/nope', '/api/v9/domains', '/healthz/extra']) {
        const res = await fetch(`${t.url}${path}`);
        assert.equal(res.status, 404, path);
        assert.deepEqual(await res.json(), { error: 'not found' });
      }
      const post = await fetch(`${t.url}/nope`, { method: 'POST', body: 'x' });
      assert.equal(post.status, 404);
      assert.deepEqual(await post.json(), { error: 'not found' });
    });

    test('GET /metrics has default metrics and counts requests by route and status', async () => {
      await fetch(`${t.url}/healthz`);
      await fetch(`${t.url}/definitely-missing`);
      const res = await fetch(`${t.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      const text = await res.text();
      assert.match(text, /^regd_process_cpu_user_seconds_total /m);
      assert.match(text, /^regd_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
      assert.match(text, /^regd_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]\d*$/m);
    });

    test('GET /healthz answers 503 with status "error" when the database is gone', async () => {
      await t.services.store.close();
      const res = await fetch(`${t.url}/healthz`);
      assert.equal(res.status, 503);
      const body = (await res.json()) as Record<string, string>;
      assert.equal(body.status, 'error');
      assert.equal(body.database, backend);
    });
  });
}
