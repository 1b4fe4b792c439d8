import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ensureOperatorToken, loadConfig, readOperatorToken } from './index.ts';

const cwd = '/srv/regd';

describe('loadConfig', () => {
  test('defaults: sandbox on 127.0.0.1:8080, ./data, PGlite, demo seeding on', () => {
    const c = loadConfig({ argv: [], env: {}, cwd });
    assert.equal(c.mode, 'sandbox');
    assert.deepEqual(c.http, { host: '127.0.0.1', port: 8080, shutdownTimeoutMs: 10_000 });
    assert.equal(c.dataDir, '/srv/regd/data');
    assert.equal(c.pgliteDir, '/srv/regd/data/pglite');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.tldsFile, undefined);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.operatorToken, undefined);
    assert.equal(c.operatorTokenFile, '/srv/regd/data/operator.token');
    assert.equal(c.serverFile, '/srv/regd/data/server.json');
    assert.equal(c.seedDemo, true);
    assert.equal(c.sweepIntervalMs, 60_000);
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.http));
  });

  test('production defaults to no demo seeding', () => {
    assert.equal(loadConfig({ argv: ['--mode', 'production'], env: {}, cwd }).seedDemo, false);
  });

  test('precedence: flags > env > file > defaults; file paths are relative to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-config-'));
    const file = join(dir, 'regd.yaml');
    writeFileSync(file, 'mode: production\nhttp:\n  host: 0.0.0.0\n  port: 9000\ndataDir: state\ntldsFile: my-tlds.yaml\nlogLevel: debug\nseedDemo: true\n');
    const fromFile = loadConfig({ argv: ['--config', file], env: {}, cwd });
    assert.equal(fromFile.mode, 'production');
    assert.equal(fromFile.http.host, '0.0.0.0');
    assert.equal(fromFile.http.port, 9000);
    assert.equal(fromFile.dataDir, join(dir, 'state'));
    assert.equal(fromFile.tldsFile, join(dir, 'my-tlds.yaml'));
    assert.equal(fromFile.seedDemo, true);
    assert.equal(fromFile.configFile, file);

    const env = { REGD_CONFIG: file, REGD_PORT: '9100', REGD_DATA_DIR: 'envdata', DATABASE_URL: 'postgres://u@h/db', REGD_LOG_LEVEL: 'warn' };
    const fromEnv = loadConfig({ argv: [], env, cwd });
    assert.equal(fromEnv.http.port, 9100);
    assert.equal(fromEnv.http.host, '0.0.0.0', 'keys the env does not set still come from the file');
    assert.equal(fromEnv.dataDir, '/srv/regd/envdata');
    assert.equal(fromEnv.databaseUrl, 'postgres://u@h/db');
    assert.equal(fromEnv.logLevel, 'warn');

    const fromFlags = loadConfig({ argv: ['account', 'list', '--port', '9200', '--data-dir=flagdata', '--no-seed-demo', '--json'], env, cwd });
    assert.equal(fromFlags.http.port, 9200);
    assert.equal(fromFlags.dataDir, '/srv/regd/flagdata');
    assert.equal(fromFlags.seedDemo, false);
    assert.equal(fromFlags.mode, 'production');
  });

  test('REGD_DATABASE_URL wins over DATABASE_URL', () => {
    const c = loadConfig({ argv: [], env: { DATABASE_URL: 'postgres://a/x', REGD_DATABASE_URL: 'postgresql://b/y' }, cwd });
    assert.equal(c.databaseUrl, 'postgresql://b/y');
  });

  test('invalid values are ConfigErrors naming the source', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--mode', 'staging'], {}, /--mode: "staging" is not one of sandbox, production/],
      [['--port', '70000'], {}, /--port: "70000" is not a port number/],
      [[], { REGD_PORT: 'http' }, /REGD_PORT/],
      [[], { REGD_LOG_LEVEL: 'loud' }, /REGD_LOG_LEVEL/],
      [[], { REGD_SEED_DEMO: 'maybe' }, /REGD_SEED_DEMO: "maybe" is not true or false/],
      [[], { REGD_SWEEP_INTERVAL_MS: '1m' }, /REGD_SWEEP_INTERVAL_MS: "1m" is not a whole number of milliseconds/],
      [[], { DATABASE_URL: 'mysql://x' }, /postgres:\/\//],
      [[], { REGD_OPERATOR_TOKEN: 'short' }, /at least 16 characters/],
      [['--shutdown-timeout', 'soon'], {}, /--shutdown-timeout: invalid duration/],
      [['--config', '/nonexistent/regd.yaml'], {}, /cannot read configuration file/],
      [['serve', '--port'], {}, /--port needs a value/],
    ];
    for (const [argv, env, message] of cases) {
      assert.throws(() => loadConfig({ argv, env, cwd }), (e: unknown) => e instanceof ConfigError && message.test(e.message), `${argv.join(' ')} ${JSON.stringify(env)}`);
    }
  });

  test('a configuration file with an unknown key or bad YAML is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-config-'));
    writeFileSync(join(dir, 'typo.yaml'), 'http:\n  prot: 80\n');
    assert.throws(() => loadConfig({ file: join(dir, 'typo.yaml'), env: {}, cwd }), /unknown key "http.prot"/);
    writeFileSync(join(dir, 'bad.yaml'), 'mode: [sandbox\n');
    assert.throws(() => loadConfig({ file: join(dir, 'bad.yaml'), env: {}, cwd }), /not valid YAML/);
  });

  test('dialect options: defaults, file, environment, flags', () => {
    const defaults = loadConfig({ argv: [], env: {}, cwd }).dialects;
    assert.deepEqual(defaults, {
      wedos: { previousHour: false, limits: true, requestsPerHour: 1000, limitedPerHour: 100, failedAuthBlock: { attempts: 10, windowMs: 3_600_000, blockMs: 3_600_000 } },
      freenom: { dotcfPrefix: '/dotcf/v2', dotcfHosts: ['api.dot.cf'] },
    });
    const dir = mkdtempSync(join(tmpdir(), 'regd-config-'));
    const file = join(dir, 'regd.yaml');
    writeFileSync(file, [
      'dialects:',
      '  wedos:',
      '    previousHour: true',
      '    requestsPerHour: 50',
      '    failedAuthBlock:',
      '      attempts: 3',
      '      window: 10m',
      '      duration: 2h',
      '  freenom:',
      '    dotcfPrefix: /cf/v2/',
      '    dotcfHosts: [API.Dot.CF., api.example.cf]',
      '',
    ].join('\n'));
    const fromFile = loadConfig({ file, env: {}, cwd }).dialects;
    assert.deepEqual(fromFile.wedos, { previousHour: true, limits: true, requestsPerHour: 50, limitedPerHour: 100, failedAuthBlock: { attempts: 3, windowMs: 600_000, blockMs: 7_200_000 } });
    assert.deepEqual(fromFile.freenom, { dotcfPrefix: '/cf/v2', dotcfHosts: ['api.dot.cf', 'api.example.cf'] });
    const env = { REGD_WAPI_REQUESTS_PER_HOUR: '70', REGD_WAPI_LIMITS: 'off', REGD_DOTCF_HOSTS: 'a.example, b.example', REGD_DOTCF_PREFIX: '/x' };
    const fromEnv = loadConfig({ file, env, cwd }).dialects;
    assert.equal(fromEnv.wedos.requestsPerHour, 70);
    assert.equal(fromEnv.wedos.limits, false);
    assert.equal(fromEnv.wedos.previousHour, true, 'from the file');
    assert.deepEqual(fromEnv.freenom, { dotcfPrefix: '/x', dotcfHosts: ['a.example', 'b.example'] });
    const fromFlags = loadConfig({ argv: ['--wapi-limited-per-hour', '5', '--wapi-previous-hour', 'false', '--wapi-block-attempts', '0'], file, env, cwd }).dialects;
    assert.equal(fromFlags.wedos.limitedPerHour, 5);
    assert.equal(fromFlags.wedos.previousHour, false);
    assert.equal(fromFlags.wedos.failedAuthBlock.attempts, 0);
    for (const [argv, message] of [
      [['--wapi-requests-per-hour', '-1'], /--wapi-requests-per-hour: "-1" is not a whole number/],
      [['--wapi-previous-hour', 'maybe'], /--wapi-previous-hour: "maybe" is not true or false/],
      [['--wapi-block-window', 'soon'], /--wapi-block-window/],
      [['--dotcf-prefix', 'no-slash'], /is not a URL path/],
      [['--dotcf-hosts', 'a..,b'], /host names is required/],
    ] as const) {
      assert.throws(() => loadConfig({ argv, env: {}, cwd }), (e: unknown) => e instanceof ConfigError && message.test(e.message), argv.join(' '));
    }
    writeFileSync(file, 'dialects:\n  wedos:\n    requestPerHour: 5\n');
    assert.throws(() => loadConfig({ file, env: {}, cwd }), /unknown key "dialects.wedos.requestPerHour"/);
  });
});

describe('failed-login limits', () => {
  test('defaults, file, environment and flags: per login name and per address', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'regd-config-'));
    const file = join(cwd, 'regd.yaml');
    assert.deepEqual(loadConfig({ env: {}, cwd }).logins, {
      perAccount: { attempts: 10, windowMs: 900_000, lockMs: 900_000 },
      perAddress: { attempts: 30, windowMs: 900_000, blockMs: 900_000 },
      cacheTtlMs: 30_000,
    });
    writeFileSync(file, ['logins:', '  perAccount:', '    attempts: 5', '    window: 1h', '    duration: 30m', '  perAddress:', '    attempts: 0', '  cacheTtl: 0s', ''].join('\n'));
    assert.deepEqual(loadConfig({ file, env: {}, cwd }).logins, {
      perAccount: { attempts: 5, windowMs: 3_600_000, lockMs: 1_800_000 },
      perAddress: { attempts: 0, windowMs: 900_000, blockMs: 900_000 },
      cacheTtlMs: 0,
    });
    const env = { REGD_LOGIN_ACCOUNT_ATTEMPTS: '7', REGD_LOGIN_ADDRESS_WINDOW: '1h', REGD_LOGIN_CACHE_TTL: '5s' };
    const fromEnv = loadConfig({ file, env, cwd }).logins;
    assert.equal(fromEnv.perAccount.attempts, 7);
    assert.equal(fromEnv.perAccount.windowMs, 3_600_000, 'from the file');
    assert.equal(fromEnv.perAddress.windowMs, 3_600_000);
    assert.equal(fromEnv.cacheTtlMs, 5_000);
    const argv = ['--login-account-attempts', '3', '--login-account-duration', '1m', '--login-address-attempts', '100', '--login-address-duration', '2h', '--login-cache-ttl', '1m'];
    const fromFlags = loadConfig({ argv, file, env, cwd }).logins;
    assert.deepEqual(fromFlags, {
      perAccount: { attempts: 3, windowMs: 3_600_000, lockMs: 60_000 },
      perAddress: { attempts: 100, windowMs: 3_600_000, blockMs: 7_200_000 },
      cacheTtlMs: 60_000,
    });
    for (const [argv, message] of [
      [['--login-account-attempts', 'ten'], /--login-account-attempts: "ten" is not a whole number/],
      [['--login-address-window', 'soon'], /--login-address-window/],
    ] as const) {
      assert.throws(() => loadConfig({ argv, env: {}, cwd }), (e: unknown) => e instanceof ConfigError && message.test(e.message), argv.join(' '));
    }
  });
});

describe('WHOIS, RDAP and the registrar', () => {
  test('defaults, file, environment and flags; invalid values refused', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'regd-config-'));
    const file = join(cwd, 'regd.yaml');
    const defaults = loadConfig({ env: {}, cwd });
    assert.deepEqual([defaults.whois, defaults.rdap, defaults.registrar], [
      { enabled: true, host: '127.0.0.1', port: 4343, queriesPerMinute: 60, connectionsPerAddress: 5, idleTimeoutMs: 10_000 },
      { enabled: true, requestsPerMinute: 120, searchLimit: 50 },
      { name: 'regd', ianaId: 9999, url: 'https://regd.test', whoisServer: 'whois.regd.test', abuseEmail: 'abuse@regd.test', abusePhone: '+1.5555550100' },
    ]);
    writeFileSync(file, [
      'whois:', '  enabled: false', '  port: 43', '  queriesPerMinute: 10', '  connectionsPerAddress: 0', '  idleTimeout: 30s',
      'rdap:', '  searchLimit: 10',
      'registrar:', '  name: Example Registrar', '  ianaId: 1234', '  url: https://registrar.example/', '  whoisServer: whois.registrar.example',
      '  abuseEmail: abuse@registrar.example', '  abusePhone: "+44.2079460000"', '',
    ].join('\n'));
    const fromFile = loadConfig({ file, env: {}, cwd });
    assert.deepEqual([fromFile.whois, fromFile.rdap, fromFile.registrar], [
      { enabled: false, host: '127.0.0.1', port: 43, queriesPerMinute: 10, connectionsPerAddress: 0, idleTimeoutMs: 30_000 },
      { enabled: true, requestsPerMinute: 120, searchLimit: 10 },
      { name: 'Example Registrar', ianaId: 1234, url: 'https://registrar.example', whoisServer: 'whois.registrar.example', abuseEmail: 'abuse@registrar.example', abusePhone: '+44.2079460000' },
    ]);
    const env = { REGD_WHOIS: 'true', REGD_RDAP: 'false', REGD_REGISTRAR_NAME: 'From Env' };
    const argv = ['--whois-port', '0', '--whois-host', '0.0.0.0', '--rdap-search-limit', '5', '--rdap-requests-per-minute', '0'];
    const fromFlags = loadConfig({ argv, file, env, cwd });
    assert.deepEqual([fromFlags.whois.enabled, fromFlags.whois.port, fromFlags.whois.host, fromFlags.rdap, fromFlags.registrar.name],
      [true, 0, '0.0.0.0', { enabled: false, requestsPerMinute: 0, searchLimit: 5 }, 'From Env']);
    for (const [argv, env, message] of [
      [['--whois-port', '70000'], {}, /--whois-port: "70000" is not a port number/],
      [['--rdap-search-limit', '0'], {}, /--rdap-search-limit: must be at least 1/],
      [['--whois-idle-timeout', 'soon'], {}, /--whois-idle-timeout/],
      [[], { REGD_REGISTRAR_URL: 'ftp://x.example' }, /REGD_REGISTRAR_URL: "ftp:\/\/x.example" is not an http:\/\/ or https:\/\/ URL/],
      [[], { REGD_REGISTRAR_ABUSE_EMAIL: 'nobody' }, /REGD_REGISTRAR_ABUSE_EMAIL: "nobody" is not an e-mail address/],
      [[], { REGD_REGISTRAR_ABUSE_PHONE: '555-0100' }, /REGD_REGISTRAR_ABUSE_PHONE: "555-0100" is not a phone number/],
      [[], { REGD_REGISTRAR_IANA_ID: '0' }, /REGD_REGISTRAR_IANA_ID: must be at least 1/],
    ] as const) {
      assert.throws(() => loadConfig({ argv, env, cwd }), (e: unknown) => e instanceof ConfigError && message.test(e.message), `${argv.join(' ')} ${JSON.stringify(env)}`);
    }
  });
});

describe('operator token', () => {
  test('generated once into <dataDir>/operator.token with mode 0600, then reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-token-'));
    const config = loadConfig({ argv: ['--data-dir', join(dir, 'data')], env: {} });
    assert.equal(readOperatorToken(config), undefined);
    const token = ensureOperatorToken(config);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(statSync(config.operatorTokenFile).mode & 0o777, 0o600);
    assert.equal(readFileSync(config.operatorTokenFile, 'utf8').trim(), token);
    assert.equal(ensureOperatorToken(config), token);
  });

  test('a configured token is used as is and no file is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regd-token-'));
    const config = loadConfig({ argv: ['--data-dir', dir], env: { REGD_OPERATOR_TOKEN: 'a-configured-token-0123' } });
    assert.equal(ensureOperatorToken(config), 'a-configured-token-0123');
    assert.throws(() => statSync(config.operatorTokenFile), /ENOENT/);
  });
});
