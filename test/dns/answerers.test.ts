/**
 * Answering processes (dns.answerProcesses): each holds a copy of the index
 * and answers on the server's UDP socket. Every process answers what the
 * server thread answers, after a change too (a rebuilt hosted zone, a
 * patched TLD zone, a removed zone); settled() waits for every copy; a
 * process that dies is replaced from a full copy; close() stops them all.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestEngine, type TestEngine } from '../support/backends.ts';
import { addRecord, registerDomain } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { decode, query, sendUdpMany, waitFor } from './support/client.ts';

const PROCESSES = 2;

for (const backend of BACKENDS) {
  describe(`${backend}: answering processes`, { timeout: 120_000 }, () => {
    let engine: TestEngine;
    let account: TestAccount;
    let server: RunningDnsServer;

    before(async () => {
      engine = await openTestEngine(backend);
      account = await newAccount(engine, { depositEur: '100.00' });
      await engine.run(registerDomain, { name: 'copied.com' }, { actor: account.actor });
      await engine.run(addRecord, { accountId: account.id, name: 'copied.com', record: { type: 'A', name: 'www', value: '192.0.2.31' } }, { actor: account.actor });
      for (const value of ['192.0.2.41', '192.0.2.42', '192.0.2.43']) {
        await engine.run(addRecord, { accountId: account.id, name: 'copied.com', record: { type: 'A', name: 'multi', value } }, { actor: account.actor });
      }
      server = await startDnsServer({ engine, config: { port: 0, pollIntervalMs: 60_000, answerProcesses: PROCESSES } });
      // The server answers at once; its processes once each holds a copy.
      await server.answerers!.ready();
    });
    after(async () => {
      await server?.close();
      await engine?.store.close();
    });

    /** `count` queries for (name, type), in a burst: every answer decoded (undefined: none came). */
    const burst = async (name: string, type: string, count = 600) => {
      const packets = Array.from({ length: count }, (_, i) => query(name, type, { id: i + 1 }));
      const replies = await sendUdpMany({ host: '127.0.0.1', port: server.udpPort }, packets, { window: 64, timeoutMs: 2_000 });
      return replies.map((r) => (r === undefined ? undefined : decode(r)));
    };
    const answeredByProcesses = async () => (await server.answerers!.summary()).metrics.reduce((n, m) => n + m.queries, 0);
    const aValues = (d: ReturnType<typeof decode> | undefined) => (d?.answers ?? []).flatMap((a) => (a.type === 'A' ? [String(a.data)] : []));

    test('every process holds the zones and answers on the server\'s port', async () => {
      const summary = await server.answerers!.summary();
      assert.equal(summary.running, PROCESSES);
      assert.ok(summary.rss > 0);
      const before = await answeredByProcesses();
      const replies = await burst('www.copied.com', 'A');
      assert.deepEqual(new Set(replies.map(aValues).map((v) => v.join())), new Set(['192.0.2.31']), 'every query answered with the record');
      assert.ok((await answeredByProcesses()) > before, 'the answering processes answered some of the queries');
      // An RRset of several records is whole in every copy (records cross the process boundary as plain objects).
      const multi = await burst('multi.copied.com', 'A');
      assert.deepEqual(new Set(multi.map((d) => aValues(d).sort().join())), new Set(['192.0.2.41,192.0.2.42,192.0.2.43']));
      // The same answer, byte for byte, whoever answered (the ID aside): the server thread's is one of them.
      const raw = await sendUdpMany({ host: '127.0.0.1', port: server.udpPort }, Array.from({ length: 200 }, (_, i) => query('copied.com', 'SOA', { id: i + 1 })), { window: 64, timeoutMs: 2_000 });
      assert.equal(new Set(raw.map((r) => r?.subarray(2).toString('hex'))).size, 1);
    });

    test('a change reaches every copy: a rebuilt zone, a patched TLD zone, a new zone', async () => {
      await engine.run(addRecord, { accountId: account.id, name: 'copied.com', record: { type: 'A', name: 'new', value: '198.51.100.31' } }, { actor: account.actor });
      await engine.run(registerDomain, { name: 'second-copy.com' }, { actor: account.actor });
      await engine.run(addRecord, { accountId: account.id, name: 'second-copy.com', record: { type: 'A', name: 'www', value: '198.51.100.32' } }, { actor: account.actor });
      await server.refresh();
      await server.answerers!.settled();
      const a = await burst('new.copied.com', 'A', 300);
      assert.deepEqual(new Set(a.map((d) => aValues(d).join())), new Set(['198.51.100.31']));
      const b = await burst('www.second-copy.com', 'A', 300);
      assert.deepEqual(new Set(b.map((d) => aValues(d).join())), new Set(['198.51.100.32']));
      // The SOA serial is the same in every copy.
      const soa = await burst('copied.com', 'SOA', 300);
      assert.equal(new Set(soa.map((d) => JSON.stringify(d?.answers))).size, 1);
    });

    test('a process that dies is replaced from a full copy', async () => {
      const pool = server.answerers!;
      const [victim] = pool.pids;
      assert.ok(victim !== undefined);
      process.kill(victim, 'SIGKILL');
      await waitFor('a replacement process', () => pool.restarts === 1 && pool.pids.length === PROCESSES && !pool.pids.includes(victim), 60_000, 20);
      await engine.run(addRecord, { accountId: account.id, name: 'copied.com', record: { type: 'A', name: 'later', value: '198.51.100.33' } }, { actor: account.actor });
      await server.refresh();
      await pool.settled();
      const replies = await burst('later.copied.com', 'A');
      assert.deepEqual(new Set(replies.map((d) => aValues(d).join())), new Set(['198.51.100.33']));
      assert.equal((await pool.summary()).running, PROCESSES);
    });

    test('close() stops every process', async () => {
      const pids = server.answerers!.pids;
      assert.equal(pids.length, PROCESSES);
      await server.close();
      for (const pid of pids) assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
    });
  });
}
