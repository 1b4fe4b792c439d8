import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardTargets, splitAddress } from './aliases.ts';

test('splitAddress: the domain as a lower-case A-label; no address, no split', () => {
  assert.deepEqual(splitAddress('Info@Example.COM.'), { local: 'Info', domain: 'example.com' });
  assert.deepEqual(splitAddress('info@пример.рф'), { local: 'info', domain: 'xn--e1afmkfd.xn--p1ai' });
  assert.deepEqual(splitAddress('a@b@example.com'), { local: 'a@b', domain: 'example.com' });
  for (const bad of ['', '@example.com', 'info@', 'no-at-sign', 'x@exa mple.com']) assert.equal(splitAddress(bad), undefined, bad);
});

test('forwardTargets: the alias in lower case, else the catch-all, else none; only the forward type', () => {
  const forward = { type: 'forward', aliases: [{ user: 'info', to: 'a@x.example' }, { user: '*', to: 'all@x.example' }] } as const;
  assert.equal(forwardTargets(forward, 'INFO'), 'a@x.example');
  assert.equal(forwardTargets(forward, 'sales'), 'all@x.example');
  assert.equal(forwardTargets({ type: 'forward', aliases: [{ user: 'info', to: 'a@x.example' }] }, 'sales'), undefined);
  assert.equal(forwardTargets({ type: 'mx', mx: [{ host: 'mx.x.example', distance: 10 }] }, 'info'), undefined);
  assert.equal(forwardTargets({ type: 'donot' }, 'info'), undefined);
});
