/**
 * E-mail forwarding and outbox delivery on real sockets: a regd server
 * started as `serve` starts it (startMail) with a second smtp-server as its
 * smarthost (the sink); forwarding set through the Dynadot API; mail sent
 * with nodemailer; MX answers read with dig from regd's DNS; the outbox
 * delivered, retried and given up on the engine clock, and read with the
 * operator API's `outbox list`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { registerDomain, sendAuthCode } from '../../src/core/index.ts';
import { startDnsServer, type RunningDnsServer } from '../../src/services/dns/index.ts';
import { startMailService } from '../../src/services/mail/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { newAccount, type TestAccount } from '../support/fixtures.ts';
import { ops, startTestServer, type TestServer } from '../server/support.ts';
import { client, type Client } from '../dialects/dynadot/support.ts';
import { dig, section } from '../dns/support/dig.ts';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

/** The smarthost: keeps what it is given; refuses every recipient while `refusing` is set. */
async function startSink(): Promise<{ port: number; messages: Received[]; refusing: { on: boolean }; close(): Promise<void> }> {
  const messages: Received[] = [];
  const refusing = { on: false };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], hideSTARTTLS: true, disableReverseLookup: true, logger: false,
    onRcptTo(address, _session, callback) {
      callback(refusing.on ? Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    messages,
    refusing,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const ORIGINAL = [
  'From: Sender <sender@outside.example>',
  'To: info@mail-one.com',
  'Subject: Hello through regd',
  'Message-ID: <original-1@outside.example>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Line one.',
  '.A line that starts with a dot.',
  'Last line.',
  '',
].join('\r\n');

for (const backend of BACKENDS) {
  describe(`${backend}: e-mail forwarding (SMTP) and outbox delivery`, { timeout: 120_000 }, () => {
    let sink: Awaited<ReturnType<typeof startSink>>;
    let t: TestServer;
    let dns: RunningDnsServer;
    let dir: string;
    let a: TestAccount;
    let dynadot: Client;
    let smtpPort: number;

    const send = (to: string | string[], raw = ORIGINAL, from = 'sender@outside.example') =>
      nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true })
        .sendMail({ envelope: { from, to }, raw });
    const setForward = async (params: Record<string, string>) => {
      const r = await dynadot.obj('set_email_forward', { domain: 'mail-one.com', ...params });
      assert.equal((r.SetEmailForwardingResponse as { Status: string }).Status, 'success', JSON.stringify(r));
    };

    before(async () => {
      sink = await startSink();
      dir = mkdtempSync(join(tmpdir(), 'regd-mail-'));
      writeFileSync(join(dir, 'regd.yaml'), [
        'mail:', '  port: 0', '  maxSize: 4096', '  smarthost:', '    host: 127.0.0.1', `    port: ${sink.port}`,
        '  outbox:', '    interval: 1h', '    maxAttempts: 2', '    retryBase: 1m', '',
      ].join('\n'));
      t = await startTestServer(backend, { argv: ['--config', join(dir, 'regd.yaml')], start: { startMail: true } });
      smtpPort = t.server.mail!.smtp!.port;
      dns = await startDnsServer({ engine: t.services.engine, config: { ...t.services.config.dns.options, port: 0, pollIntervalMs: 20 } });
      a = await newAccount(t.services.engine, { deposits: { USD: '100.00' }, currency: 'USD' });
      dynadot = client(t.url, a.apiKey);
      await t.services.engine.run(registerDomain, { name: 'mail-one.com' }, { actor: a.actor });
      await t.services.engine.run(registerDomain, { name: 'mail-two.com' }, { actor: a.actor });
    });
    after(async () => {
      await dns?.close();
      await t?.close();
      await sink?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a mail to a forwarded address arrives at the smarthost with its original content, for the target address', async () => {
      await setForward({ forward_type: 'forward', username0: 'info', exist_email0: 'owner@elsewhere.example' });
      const info = await send('INFO@Mail-One.com');
      assert.deepEqual([info.accepted, info.rejected], [['INFO@mail-one.com'], []], 'nodemailer lower-cases the domain');
      assert.equal(sink.messages.length, 1);
      const got = sink.messages.shift()!;
      assert.deepEqual([got.from, got.to], ['sender@outside.example', ['owner@elsewhere.example']]);
      const received = /^Received: from [^\r\n]+\r\n\tby mx\.regd\.test \(regd\) with ESMTP id [^\r\n;]+;\r\n\t[^\r\n]+ \+0000\r\n/.exec(got.raw);
      assert.ok(received, got.raw);
      assert.equal(got.raw.slice(received[0].length), ORIGINAL);
    });

    test('every other recipient is refused with 550 (no open relay); a mixed envelope goes to the forwarded one only', async () => {
      await assert.rejects(send('nobody@mail-one.com'), (e: { responseCode?: number; response?: string }) => {
        assert.equal(e.responseCode, 550);
        assert.match(e.response ?? '', /^550 5\.1\.1 <nobody@mail-one\.com>: no such forwarded address here \(relaying denied\)$/);
        return true;
      });
      await assert.rejects(send('someone@elsewhere.example'), { responseCode: 550 });
      await assert.rejects(send('info@mail-two.com'), { responseCode: 550 }, 'a domain without e-mail forwarding');
      assert.equal(sink.messages.length, 0);
      const mixed = await send(['info@mail-one.com', 'relay@elsewhere.example']);
      assert.deepEqual([mixed.accepted, mixed.rejected], [['info@mail-one.com'], ['relay@elsewhere.example']]);
      assert.deepEqual(sink.messages.splice(0).map((m) => m.to), [['owner@elsewhere.example']]);
    });

    test('the catch-all alias; a message over the size limit is refused with 552', async () => {
      await setForward({ forward_type: 'forward', username0: 'info', exist_email0: 'owner@elsewhere.example', username1: '*', exist_email1: 'all@elsewhere.example' });
      await send(['sales@mail-one.com', 'info@mail-one.com']);
      assert.deepEqual(sink.messages.splice(0).map((m) => m.to), [['all@elsewhere.example', 'owner@elsewhere.example']]);
      const big = ORIGINAL + `${'x'.repeat(76)}\r\n`.repeat(80);
      await assert.rejects(send('info@mail-one.com', big), { responseCode: 552 });
      assert.equal(sink.messages.length, 0);
    });

    test('MX records: regd\'s mail exchanger for `forward`, the user\'s own hosts for `mx` (and then regd refuses the domain at once)', async () => {
      await dns.refresh();
      assert.deepEqual(section(await dig(dns.udpPort, 'mail-one.com', 'MX'), 'ANSWER'), ['mail-one.com. 3600 IN MX 10 mx.regd.test.']);
      assert.deepEqual(section(await dig(dns.udpPort, 'mail-two.com', 'MX'), 'ANSWER'), []);
      await setForward({ forward_type: 'mx', mx_host0: 'mail.user.example', mx_distance0: '5', mx_host1: 'backup.user.example', mx_distance1: '20' });
      await assert.rejects(send('info@mail-one.com'), { responseCode: 550 });
      await dns.refresh();
      assert.deepEqual(section(await dig(dns.udpPort, 'mail-one.com', 'MX'), 'ANSWER').sort(), [
        'mail-one.com. 3600 IN MX 20 backup.user.example.', 'mail-one.com. 3600 IN MX 5 mail.user.example.',
      ]);
    });

    test('the outbox goes out through the smarthost: sent, or retried after the backoff and given up after the last attempt; `outbox list` shows each', async () => {
      const engine = t.services.engine;
      const sent = await engine.run(sendAuthCode, { name: 'mail-one.com' }, { actor: a.actor });
      const outbox = t.server.mail!.outbox!;
      assert.deepEqual(await outbox.deliverNow(), { sent: 1, retried: 0, failed: 0 });
      const mail = sink.messages.shift()!;
      assert.deepEqual([mail.from, mail.to], ['noreply@regd.test', [sent.to]]);
      assert.match(mail.raw, /^From: regd <noreply@regd\.test>\r\n/m);
      assert.match(mail.raw, /^Subject: Authorization code for mail-one\.com\r\n/m);
      assert.match(mail.raw, /^Message-ID: <outbox-\d+@mx\.regd\.test>\r\n/m);
      assert.match(mail.raw, /The authorization code \(AUTH-ID\) of mail-one\.com is: \S+/);
      const listed = async (status?: string) => {
        const r = await ops(t.url, 'outbox list', { account: String(a.id), ...(status ? { status } : {}) });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.result as Record<string, unknown>[];
      };
      const [first] = await listed('sent');
      assert.deepEqual({ ...first, id: 0, createdAt: '', lastAttemptAt: '', deliveredAt: '', body: '' }, {
        id: 0, accountId: a.id, to: sent.to, subject: 'Authorization code for mail-one.com', body: '', kind: 'auth_code', createdAt: '',
        status: 'sent', attempts: 1, lastError: null, lastAttemptAt: '', nextAttemptAt: null, deliveredAt: '',
      });
      assert.ok(new Date(String(first!.deliveredAt)) >= new Date(String(first!.lastAttemptAt)), 'delivered after the attempt began');

      // The smarthost refuses: a retry after retryBase (1m on the engine clock), then given up (maxAttempts 2).
      sink.refusing.on = true;
      await engine.run(sendAuthCode, { name: 'mail-one.com' }, { actor: a.actor });
      assert.deepEqual(await outbox.deliverNow(), { sent: 0, retried: 1, failed: 0 });
      const [pending] = await listed('pending');
      assert.equal(pending!.attempts, 1);
      assert.match(String(pending!.lastError), /550/);
      assert.equal(new Date(String(pending!.nextAttemptAt)).getTime() - new Date(String(pending!.lastAttemptAt)).getTime(), 60_000);
      assert.deepEqual(await outbox.deliverNow(), { sent: 0, retried: 0, failed: 0 }, 'not due yet');
      assert.equal((await ops(t.url, 'clock advance', { duration: '61s' })).status, 200);
      assert.deepEqual(await outbox.deliverNow(), { sent: 0, retried: 0, failed: 1 });
      const [failed] = await listed('failed');
      assert.deepEqual([failed!.id, failed!.attempts, failed!.nextAttemptAt, failed!.deliveredAt], [pending!.id, 2, null, null]);
      assert.match(String(failed!.lastError), /550/);
      assert.equal(sink.messages.length, 0);
      sink.refusing.on = false;
      assert.deepEqual((await listed()).map((m) => m.status), ['failed', 'sent']);
      const bad = await ops(t.url, 'outbox list', { status: 'lost' });
      assert.equal(bad.status, 400);
    });

    test('without a smarthost: a forwarded recipient is deferred (451), the outbox is not delivered', async () => {
      await setForward({ forward_type: 'forward', username0: 'info', exist_email0: 'owner@elsewhere.example' });
      const options = { ...t.services.config.mail.options, port: 0, smarthost: undefined };
      const bare = await startMailService({ engine: t.services.engine, options, listen: true });
      try {
        assert.equal(bare.outbox, undefined);
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port: bare.smtp!.port, secure: false, ignoreTLS: true });
        await assert.rejects(transport.sendMail({ envelope: { from: 'sender@outside.example', to: 'info@mail-one.com' }, raw: ORIGINAL }), { responseCode: 451 });
        await assert.rejects(transport.sendMail({ envelope: { from: 'sender@outside.example', to: 'x@elsewhere.example' }, raw: ORIGINAL }), { responseCode: 550 });
        assert.deepEqual(bare.metrics.recipients, { accepted: 0, refused: 1, deferred: 1 });
      } finally {
        await bare.close();
      }
    });

    test('STARTTLS with a configured certificate: a client that requires TLS is served', async () => {
      const certFile = join(dir, 'cert.pem');
      const keyFile = join(dir, 'key.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=mx.regd.test', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
      const tls = await startMailService({ engine: t.services.engine, options: { ...t.services.config.mail.options, port: 0, tls: { certFile, keyFile } }, listen: true });
      try {
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port: tls.smtp!.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
        const info = await transport.sendMail({ envelope: { from: 'sender@outside.example', to: 'info@mail-one.com' }, raw: ORIGINAL });
        assert.deepEqual(info.accepted, ['info@mail-one.com']);
        const got = sink.messages.shift()!;
        assert.match(got.raw, /^Received: from [^\r\n]+\r\n\tby mx\.regd\.test \(regd\) with ESMTPS id /);
        assert.ok(got.raw.endsWith(ORIGINAL));
        assert.deepEqual(tls.metrics.messages, { relayed: 1, failed: 0, too_large: 0 });
      } finally {
        await tls.close();
      }
      // Without a certificate STARTTLS is not offered: a client that requires it gives up.
      await assert.rejects(
        nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, requireTLS: true }).sendMail({ envelope: { from: 'a@b.example', to: 'info@mail-one.com' }, raw: ORIGINAL }),
        /STARTTLS/,
      );
    });

    test('bounded connections: past mail.maxConnections a client is answered 421 and disconnected', async () => {
      const one = await startMailService({ engine: t.services.engine, options: { ...t.services.config.mail.options, port: 0, maxConnections: 1 }, listen: true });
      const greeting = (socket: Socket) => new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
      const first = connect(one.smtp!.port, '127.0.0.1');
      try {
        assert.match(await greeting(first), /^220 mx\.regd\.test ESMTP/);
        const second = connect(one.smtp!.port, '127.0.0.1');
        assert.match(await greeting(second), /^421 /);
        second.destroy();
      } finally {
        first.destroy();
        await one.close();
      }
    });

    test('garbage on the wire (binary, overlong lines, commands out of order) leaves the service answering', async () => {
      const session = (chunks: readonly (string | Buffer)[]) => new Promise<string>((resolve) => {
        const socket = connect(smtpPort, '127.0.0.1');
        let out = '';
        socket.on('data', (d: Buffer) => (out += d.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(out));
        socket.once('data', () => {
          for (const c of chunks) socket.write(c);
          socket.end();
        });
      });
      const outOfOrder = await session(['RCPT TO:<info@mail-one.com>\r\n', 'DATA\r\n', 'EHLO x\r\n', 'DATA\r\n', 'QUIT\r\n']);
      assert.match(outOfOrder, /\r\n503 [^\r]*\r\n/);
      await session([Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), '\r\n']);
      await session([`EHLO ${'x'.repeat(100_000)}\r\n`]);
      await session(['EHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<@@@>\r\nRCPT TO:<info@>\r\nRCPT TO:<"quoted local"@mail-one.com>\r\nQUIT\r\n']);
      await setForward({ forward_type: 'forward', username0: 'info', exist_email0: 'owner@elsewhere.example' });
      const after = await send('info@mail-one.com');
      assert.deepEqual(after.accepted, ['info@mail-one.com']);
      sink.messages.splice(0);
    });

    test('/metrics counts recipients, messages and outbox deliveries', async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      const lines = text.split('\n').filter((l) => /^regd_(smtp|outbox)_\w+\{/.test(l));
      assert.deepEqual(lines.sort(), [
        'regd_outbox_deliveries_total{result="failed"} 1',
        'regd_outbox_deliveries_total{result="retry"} 1',
        'regd_outbox_deliveries_total{result="sent"} 1',
        'regd_smtp_messages_total{result="failed"} 0',
        'regd_smtp_messages_total{result="relayed"} 4',
        'regd_smtp_messages_total{result="too_large"} 1',
        'regd_smtp_recipients_total{result="accepted"} 6',
        'regd_smtp_recipients_total{result="deferred"} 0',
        'regd_smtp_recipients_total{result="refused"} 5',
      ]);
    });
  });
}
