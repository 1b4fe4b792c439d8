/**
 * DNS settings: defaults, validation with the offending key named, and the
 * `dns:` section of the configuration file with flags and environment over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DNS_DEFAULTS, DnsOptionError, resolveDnsOptions } from '../../src/services/dns/index.ts';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

test('defaults: 127.0.0.1:5353, the service zone is the parent of the first name server', () => {
  const o = resolveDnsOptions();
  assert.equal(o.host, '127.0.0.1');
  assert.equal(o.port, 5353);
  assert.equal(o.serviceZone, 'regd.test');
  assert.deepEqual(o.nameServers, DNS_DEFAULTS.nameServers);
});

test('invalid values are refused with the key named', () => {
  assert.throws(() => resolveDnsOptions({ nameServers: [] }), (e: unknown) => e instanceof DnsOptionError && /dns\.nameServers/.test(e.message));
  assert.throws(() => resolveDnsOptions({ forwardAddresses: ['not-an-ip'] }), /dns\.forwardAddresses: "not-an-ip" is not an IP address/);
  assert.throws(() => resolveDnsOptions({ secondaries: [{ address: '192.0.2.1', port: 53, tsigKey: 'missing' }] }), /no TSIG key named "missing"/);
  assert.throws(() => resolveDnsOptions({ xfrRequireTsig: true }), /needs at least one TSIG key/);
  assert.throws(() => resolveDnsOptions({ tsigKeys: [{ name: 'k', algorithm: 'hmac-sha256', secret: 'c2hvcnQ=' }] }), /at least 16 bytes/);
  assert.throws(() => resolveDnsOptions({ xfrAllow: ['10.0.0.0/33'] }), /xfrAllow\[0\]/);
  assert.throws(() => resolveDnsOptions({ answerProcesses: 17 }), /dns\.answerProcesses: 17 is not a whole number from 0 to 16/);
  assert.throws(() => resolveDnsOptions({ answerProcesses: 'many' as never }), /dns\.answerProcesses: many is not a whole number/);
  assert.throws(() => resolveDnsOptions({ answerProcesses: -1 }), /dns\.answerProcesses/);
});

test('answerProcesses: auto is one per CPU beyond the first, at most 3; a number is taken as it is', () => {
  assert.equal(resolveDnsOptions().answerProcesses, Math.min(3, Math.max(0, availableParallelism() - 1)));
  assert.equal(resolveDnsOptions({ answerProcesses: 'auto' }).answerProcesses, resolveDnsOptions().answerProcesses);
  assert.equal(resolveDnsOptions({ answerProcesses: 0 }).answerProcesses, 0);
  assert.equal(resolveDnsOptions({ answerProcesses: 2 }).answerProcesses, 2);
  // Resolved options resolve to themselves (the DNS worker resolves what the main thread resolved).
  assert.equal(resolveDnsOptions(resolveDnsOptions({ answerProcesses: 2 })).answerProcesses, 2);
});

test('the configuration file\'s dns section, with REGD_DNS_PORT over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regd-dns-config-'));
  const file = join(dir, 'regd.yaml');
  writeFileSync(file, [
    'dns:',
    '  port: 53',
    '  nameServers: [ns1.example.net, ns2.example.net]',
    '  serviceHosts: { ns1.example.net: [192.0.2.1], ns2.example.net: ["2001:db8::2"] }',
    '  secondaries: [{ address: 192.0.2.53, port: 53 }]',
    '  queryLog: true',
  ].join('\n'));
  const config = loadConfig({ file, env: { REGD_DNS_PORT: '10053' }, cwd: dir });
  assert.equal(config.dns.enabled, true);
  assert.equal(config.dns.options.port, 10053);
  assert.equal(config.dns.options.serviceZone, 'example.net');
  assert.deepEqual(config.dns.options.secondaries, [{ address: '192.0.2.53', port: 53 }]);
  assert.equal(config.dns.options.queryLog, true);
  assert.equal(loadConfig({ env: { REGD_DNS: 'false' }, cwd: dir }).dns.enabled, false);
  writeFileSync(file, 'dns:\n  nameServers: []\n');
  assert.throws(() => loadConfig({ file, env: {}, cwd: dir }), (e: unknown) => e instanceof ConfigError && /dns\.nameServers/.test(e.message));
});
