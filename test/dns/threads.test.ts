/**
 * The DNS server in its own worker thread (startDnsThreads, what `regd
 * serve` runs): it answers while the main thread, which holds the store and
 * the API, is blocked; a change committed through a flow reaches it; a
 * worker that dies is restarted on the same port and answers again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { addRecord, deleteRecord, registerDomain } from '../../src/core/index.ts';
import { startDnsThreads, type RunningDnsThreads } from '../../src/services/dns/index.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { decode, query, sendUdpMany, waitFor } from './support/client.ts';

/**
 * A client in a thread of its own: sends one query to `port` and, when the
 * answer comes, stores its A record's last octet in `flag` (-1: no answer).
 */
const CLIENT = `
const { workerData } = require('node:worker_threads');
const dgram = require('node:dgram');
const flag = new Int32Array(workerData.flag);
const s = dgram.createSocket('udp4');
s.on('message', (msg) => {
  // The answer's last four bytes are the A record's address.
  Atomics.store(flag, 0, msg.length >= 4 ? msg[msg.length - 1] : -1);
  Atomics.notify(flag, 0);
  s.close();
});
s.send(Buffer.from(workerData.packet), workerData.port, '127.0.0.1');
setTimeout(() => { Atomics.store(flag, 0, -1); s.close(); }, 20000).unref();
`;

for (const backend of BACKENDS) {
  describe(`${backend}: the DNS server in a worker thread`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let account: TestAccount;
    let dns: RunningDnsThreads;

    before(async () => {
      engine = await openTestEngine(backend);
      account = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'threaded.com' }, { actor: account.actor });
      await engine.run(addRecord, { accountId: account.id, name: 'threaded.com', record: { type: 'A', name: 'www', value: '192.0.2.77' } }, { actor: account.actor });
      dns = await startDnsThreads({ engine, config: { host: '127.0.0.1', port: 0, pollIntervalMs: 60_000 } });
    });
    after(async () => {
      await dns?.close();
      await engine?.store.close();
    });

    const answerA = async (name: string): Promise<string[]> => {
      const [reply] = await sendUdpMany({ host: '127.0.0.1', port: dns.udpPort }, [query(name, 'A')], { timeoutMs: 1000 });
      return reply === undefined ? ['(no answer)'] : (decode(reply).answers ?? []).flatMap((a) => (a.type === 'A' ? [String(a.data)] : []));
    };

    test('answers while the main thread is blocked', async () => {
      assert.deepEqual(await answerA('www.threaded.com'), ['192.0.2.77']);
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const client = new Worker(CLIENT, { eval: true, workerData: { flag: flag.buffer, port: dns.udpPort, packet: query('www.threaded.com', 'A', { edns: false }) } });
      await new Promise<void>((resolve) => client.once('online', () => resolve()));
      // From here the main thread never yields until the answer is in: no event loop turn, no store, no message handling.
      while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 50);
      assert.equal(Atomics.load(flag, 0), 77, 'the answer (192.0.2.77) came while the main thread was blocked');
      await client.terminate();
    });

    test('a change committed through a flow is answered (incremental path through the main thread)', async () => {
      const added = await engine.run(addRecord, { accountId: account.id, name: 'threaded.com', record: { type: 'A', name: 'added', value: '198.51.100.9' } }, { actor: account.actor });
      // The poll interval is a minute: the commit announcement reaches the worker.
      await waitFor('the added record', async () => (await answerA('added.threaded.com')).includes('198.51.100.9'), 10_000, 10);
      await engine.run(deleteRecord, { accountId: account.id, name: 'threaded.com', recordId: added.record.id }, { actor: account.actor });
      await waitFor('the record gone', async () => (await answerA('added.threaded.com')).length === 0, 10_000, 10);
      assert.deepEqual(await answerA('www.threaded.com'), ['192.0.2.77']);
    });

    test('a worker that dies is restarted on the same port and answers again', async () => {
      const port = dns.udpPort;
      const restarted = dns.restarted();
      await dns.worker.terminate();
      await restarted;
      assert.equal(dns.restarts, 1);
      assert.equal(dns.udpPort, port, 'the same port');
      assert.deepEqual(await answerA('www.threaded.com'), ['192.0.2.77']);
      const metrics = await dns.metrics();
      assert.ok(metrics.metrics.queries >= 1, 'the new worker counts its queries');
      assert.ok(metrics.zones >= 2);
    });
  });
}
