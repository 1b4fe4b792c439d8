/** The forwarding and mail sections: defaults, what they give the DNS, precedence, and refusals with the key's name. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './index.ts';

const cwd = '/srv/regd';

function withFile<T>(yaml: string, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'regd-services-config-'));
  try {
    const file = join(dir, 'regd.yaml');
    writeFileSync(file, yaml);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('forwarding and mail configuration', () => {
  test('defaults: forwarding on 127.0.0.1:8088 over HTTP, SMTP on 127.0.0.1:2525 without a smarthost', () => {
    const c = loadConfig({ argv: [], env: {}, cwd });
    assert.deepEqual(c.forwarding, { enabled: true, options: { host: '127.0.0.1', port: 8088, tls: undefined, maxConnections: 1000 } });
    assert.deepEqual(c.mail, {
      enabled: true,
      options: {
        host: '127.0.0.1', port: 2525, hostname: 'mx.regd.test', maxSize: 10_485_760, maxConnections: 100, tls: undefined, smarthost: undefined,
        outbox: { intervalMs: 10_000, maxAttempts: 8, retryBaseMs: 60_000, retryMaxMs: 21_600_000, from: 'regd <noreply@regd.test>' },
      },
    });
    assert.deepEqual([c.dns.options.forwardAddresses, c.dns.options.parkingAddresses, c.dns.options.mailExchangers], [['127.0.0.1'], ['127.0.0.1'], ['mx.regd.test']]);
  });

  test('forwarding.addresses and mail.exchangers are what the DNS publishes, unless the dns section names its own', () => {
    const c = withFile(
      'forwarding:\n  addresses: [192.0.2.80, "2001:db8::80"]\n  tls:\n    cert: tls/cert.pem\n    key: tls/key.pem\nmail:\n  exchangers: [mx1.registrar.example, mx2.registrar.example]\n',
      (file) => ({ c: loadConfig({ argv: ['--config', file], env: {}, cwd }), dir: join(file, '..') }),
    );
    assert.deepEqual(c.c.dns.options.forwardAddresses, ['192.0.2.80', '2001:db8::80']);
    assert.deepEqual(c.c.dns.options.parkingAddresses, ['192.0.2.80', '2001:db8::80']);
    assert.deepEqual(c.c.dns.options.mailExchangers, ['mx1.registrar.example', 'mx2.registrar.example']);
    assert.equal(c.c.mail.options.hostname, 'mx1.registrar.example');
    assert.deepEqual(c.c.forwarding.options.tls, { certFile: join(c.dir, 'tls/cert.pem'), keyFile: join(c.dir, 'tls/key.pem') });
    const own = withFile('forwarding:\n  addresses: [192.0.2.80]\ndns:\n  parkingAddresses: [192.0.2.99]\n', (file) => loadConfig({ argv: ['--config', file], env: {}, cwd }));
    assert.deepEqual([own.dns.options.forwardAddresses, own.dns.options.parkingAddresses], [['192.0.2.80'], ['192.0.2.99']]);
    const env = loadConfig({ argv: [], env: { REGD_FORWARDING_ADDRESSES: '198.51.100.1, 198.51.100.2', REGD_MAIL_EXCHANGERS: 'mx.example.net' }, cwd });
    assert.deepEqual([env.dns.options.forwardAddresses, env.dns.options.mailExchangers], [['198.51.100.1', '198.51.100.2'], ['mx.example.net']]);
  });

  test('flags > environment > file: ports, switches, the smarthost and the outbox', () => {
    const c = withFile(
      'mail:\n  port: 2626\n  smarthost:\n    host: relay.example.net\n    port: 587\n    user: regd\n    password: s3cret\n  outbox:\n    interval: 30s\n    maxAttempts: 3\n    retryBase: 2m\n    retryMax: 1h\n  from: noreply@registrar.example\n',
      (file) => loadConfig({ argv: ['--config', file, '--mail-port', '2727', '--forwarding-port', '0'], env: { REGD_MAIL_SMARTHOST_PORT: '465', REGD_MAIL_SMARTHOST_SECURE: 'true', REGD_FORWARDING: 'false' }, cwd }),
    );
    assert.equal(c.forwarding.enabled, false);
    assert.equal(c.forwarding.options.port, 0);
    assert.equal(c.mail.options.port, 2727);
    assert.deepEqual(c.mail.options.smarthost, { host: 'relay.example.net', port: 465, secure: true, user: 'regd', password: 's3cret' });
    assert.deepEqual(c.mail.options.outbox, { intervalMs: 30_000, maxAttempts: 3, retryBaseMs: 120_000, retryMaxMs: 3_600_000, from: 'noreply@registrar.example' });
  });

  test('refusals name the key', () => {
    const refused = (env: Record<string, string>, message: RegExp) => assert.throws(() => loadConfig({ argv: [], env, cwd }), (e: Error) => e instanceof ConfigError && message.test(e.message));
    refused({ REGD_FORWARDING_TLS_CERT: 'cert.pem' }, /^REGD_FORWARDING_TLS_CERT: forwarding\.tls needs both a certificate and a key$/);
    refused({ REGD_MAIL_TLS_KEY: 'key.pem' }, /^REGD_MAIL_TLS_KEY: mail\.tls needs both a certificate and a key$/);
    refused({ REGD_FORWARDING_ADDRESSES: '192.0.2.1,example.com' }, /^REGD_FORWARDING_ADDRESSES: a comma-separated list of IP addresses is required$/);
    refused({ REGD_FORWARDING_PORT: '70000' }, /^REGD_FORWARDING_PORT: "70000" is not a port number/);
    refused({ REGD_MAIL_SMARTHOST_PASSWORD: 'x' }, /^REGD_MAIL_SMARTHOST_PASSWORD: a smarthost password needs mail\.smarthost\.user$/);
    refused({ REGD_MAIL_FROM: 'not an address' }, /^REGD_MAIL_FROM: "not an address" is not an address/);
    refused({ REGD_MAIL_OUTBOX_RETRY_BASE: '7h' }, /^mail\.outbox: retryBase must be at least 1s and retryMax at least retryBase$/);
    refused({ REGD_MAIL: 'maybe' }, /^REGD_MAIL: "maybe" is not true or false$/);
    refused({ REGD_MAIL_EXCHANGERS: 'mx one' }, /^REGD_MAIL_EXCHANGERS: a comma-separated list of host names is required$/);
  });
});
