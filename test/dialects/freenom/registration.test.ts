/** The two registrations of the Freenom plugin and their first-start usage lines. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../src/dialects/index.ts';
import { freenomDialects } from '../../../src/dialects/freenom/index.ts';

const DEMO = { baseUrl: 'http://127.0.0.1:8080', email: 'demo@regd.test', password: 'p&ss word', apiKey: 'k', wapiPassword: 'w', pushUsername: 'u' };

describe('Freenom registrations', () => {
  test('the registry mounts the Freenom edition at /v2 and the Dot CF edition at /dotcf/v2', () => {
    const mine = DIALECTS.filter((d) => d.name.startsWith('freenom'));
    assert.deepEqual(mine.map((d) => [d.name, d.prefix]), [['freenom', '/v2'], ['freenom-dotcf', '/dotcf/v2']]);
  });

  test('mounts are configurable; without a Dot CF prefix only Host selection remains', () => {
    const custom = freenomDialects({ prefix: '/freenom/v2', dotcfPrefix: '/cf/v2', dotcfHosts: ['api.example.cf'] });
    assert.deepEqual(custom.map((d) => d.prefix), ['/freenom/v2', '/cf/v2']);
    assert.deepEqual(freenomDialects({ dotcfPrefix: null }).map((d) => d.name), ['freenom']);
    assert.match(custom[1]!.usage(DEMO)[0]!, /also served at \/freenom\/v2 to Host: api\.example\.cf/);
  });

  test('usage lines are curl calls with the demo credentials in the body, never in the URL', () => {
    const lines = freenomDialects()[0]!.usage({ ...DEMO, password: "p&ss w'rd" });
    assert.deepEqual(lines, [
      "curl 'http://127.0.0.1:8080/v2/service/ping'",
      "curl -X GET 'http://127.0.0.1:8080/v2/domain/list.xml' --data-urlencode 'email=demo@regd.test' --data-urlencode 'password=p&ss w'\\''rd'",
      "curl -X POST 'http://127.0.0.1:8080/v2/domain/register' -d domainname=example.tk -d domaintype=FREE --data-urlencode 'email=demo@regd.test' --data-urlencode 'password=p&ss w'\\''rd'",
    ]);
  });
});
