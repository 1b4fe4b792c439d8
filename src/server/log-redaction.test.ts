import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, loggerOptions, redactText, redactUrl, redactValue } from './log-redaction.ts';

describe('log redaction', () => {
  test('secret names, without regard to case, - or _', () => {
    for (const name of ['password', 'Password', 'wapi_password', 'newPassword', 'email', 'key', 'KEY', 'api_key', 'apiKey', 'X-Api-Key', 'auth', 'authcode', 'auth_code', 'token', 'access_token', 'refresh-token', 'secret', 'client_secret', 'authorization', 'cookie']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['user', 'domainname', 'contact_email', 'domain_key', 'author', 'command', 'request', 'url', 'keyword']) assert.ok(!isSecretName(name), name);
  });

  test('URLs: secret parameters replaced, others scrubbed as text and re-encoded only when changed', () => {
    assert.equal(redactUrl('/v2/domain/list.xml?email=a%40b.c&password=p%26ss+w&test_mode=1'), '/v2/domain/list.xml?email=[REDACTED]&password=[REDACTED]&test_mode=1');
    assert.equal(redactUrl('/api3.json?key=abc&command=search&domain0=x.com'), '/api3.json?key=[REDACTED]&command=search&domain0=x.com');
    const wapi = `/wapi/json?request=${encodeURIComponent('{"request":{"user":"u@x.cz","auth":"0123456789abcdef0123456789abcdef01234567","command":"ping"}}')}`;
    assert.equal(decodeURIComponent(redactUrl(wapi).split('=')[1]!), '{"request":{"user":"u@x.cz","auth":"[REDACTED]","command":"ping"}}');
    assert.equal(redactUrl('/healthz'), '/healthz');
    assert.equal(redactUrl('/x?plain=1&%E0%A4%A=bad'), '/x?plain=1&%E0%A4%A=bad', 'malformed escapes are left as they are');
  });

  test('text: JSON, escaped JSON, XML, form pairs, bearer and basic credentials, JWTs, JSON parse excerpts', () => {
    const cases: [string, string][] = [
      ['{"email":"a@b.c","password":"p\\"ss","n":1}', '{"email":"[REDACTED]","password":"[REDACTED]","n":1}'],
      ['{"password": 12345}', '{"password": "[REDACTED]"}'],
      ['{"request":"{\\"auth\\":\\"abc\\",\\"user\\":\\"u\\"}"}', '{"request":"{\\"auth\\":\\"[REDACTED]\\",\\"user\\":\\"u\\"}"}'],
      ['<request><user>u</user><auth>abc</auth></request>', '<request><user>u</user><auth>[REDACTED]</auth></request>'],
      ['failed: password=my secret words\nnext line', 'failed: password=[REDACTED]\nnext line'],
      ['email=a%40b&password=x&domainname=a.tk', 'email=[REDACTED]&password=[REDACTED]&domainname=a.tk'],
      ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [REDACTED]'],
      ['basic Zm9vOmJhcg==', 'basic [REDACTED]'],
      ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here', 'token [REDACTED] here'],
      [`Unexpected token 'x', "{"password":"s3cr"... is not valid JSON`, `Unexpected token 'x', (the text) is not valid JSON`],
      [`Unexpected token 'a', ..."password s3"... is not valid JSON`, `Unexpected token 'a', (the text) is not valid JSON`],
      ['nothing secret here', 'nothing secret here'],
    ];
    for (const [input, output] of cases) assert.equal(redactText(input), output, input);
  });

  test('values: secret-named fields replaced at any depth, raw packets dropped, input untouched', () => {
    const input = { command: 'x', nested: { apiKey: 'k', list: [{ password: 'p' }, 'password=q'] }, rawPacket: Buffer.from('GET /') };
    assert.deepEqual(redactValue(input), { command: 'x', nested: { apiKey: '[REDACTED]', list: [{ password: '[REDACTED]' }, 'password=[REDACTED]'] } });
    assert.equal(input.nested.apiKey, 'k');
  });

  test('the logger options: level and destination as given', () => {
    const options = loggerOptions('debug') as { level: string; stream?: unknown };
    assert.equal(options.level, 'debug');
    assert.equal(options.stream, undefined);
  });
});
