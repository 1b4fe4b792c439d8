import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { InvalidDomainName } from './errors/index.ts';
import { labelScriptProblem } from './idn-scripts.ts';
import { parseDomainName, parseNewDomainName } from './names.ts';
import { buildPolicyBook, DEFAULT_TLDS_FILE, loadPolicyBook, PolicyFileError } from './policy/load-policy.ts';

const policy = loadPolicyBook();

describe('internationalized labels: scripts', () => {
  test('single-script labels, and Latin with Japanese, Chinese or Korean, pass anywhere a script is offered', () => {
    for (const label of ['münchen', 'пример', 'παράδειγμα', 'ابجد٣', 'ソニー', 'ソニーstore', '中国abc', '한국어', '한국abc', 'пр1мер-2', 'ünïcödé']) {
      assert.equal(labelScriptProblem(label, 'com', null), undefined, label);
    }
  });

  test('mixed-script look-alikes are refused, naming the scripts', () => {
    assert.equal(labelScriptProblem('раураl', 'com', null), 'label "раураl" mixes scripts (Cyrillic, Latin)');
    assert.equal(labelScriptProblem('pαypal', 'com', null), 'label "pαypal" mixes scripts (Greek, Latin)');
    assert.equal(labelScriptProblem('аπ', 'eu', new Set(['Latin', 'Greek', 'Cyrillic'])), 'label "аπ" mixes scripts (Cyrillic, Greek)');
    assert.equal(labelScriptProblem('пример中', 'com', null), 'label "пример中" mixes scripts (Cyrillic, Han)');
  });

  test('a TLD offers some scripts, or none; characters of no modern script are refused', () => {
    assert.equal(labelScriptProblem('münchen', 'de', new Set(['Latin'])), undefined);
    assert.equal(labelScriptProblem('пример', 'de', new Set(['Latin'])), 'label "пример" uses the Cyrillic script, which .de does not offer (only Latin)');
    assert.equal(labelScriptProblem('café', 'cz', new Set()), '.cz offers no internationalized names');
    assert.equal(labelScriptProblem('cafe', 'cz', new Set()), undefined);
    assert.equal(labelScriptProblem('𐀀abc', 'com', null), 'label "𐀀abc" has a character of no script in modern use ("𐀀", U+10000)');
  });
});

describe('parseNewDomainName under the shipped TLD policy', () => {
  test('registrable names keep their A-label and Unicode forms', () => {
    for (const [input, ascii] of [['münchen.de', 'xn--mnchen-3ya.de'], ['пример.eu', 'xn--e1afmkfd.eu'], ['пример-1.com', 'xn---1-mlcluqhd.com'], ['example.cz', 'example.cz']]) {
      const name = parseNewDomainName(input!, policy);
      assert.equal(name.ascii, ascii);
      assert.deepEqual(name, parseDomainName(input!, policy));
    }
  });

  test('refusals are InvalidDomainName with the reason, in Unicode or A-label spelling', () => {
    const cases: [string, string][] = [
      ['раураl.com', 'label "раураl" mixes scripts (Cyrillic, Latin)'],
      ['xn--l-7sba6dbr.com', 'label "раураl" mixes scripts (Cyrillic, Latin)'],
      ['пример.de', 'label "пример" uses the Cyrillic script, which .de does not offer (only Latin)'],
      ['čeština.cz', '.cz offers no internationalized names'],
    ];
    for (const [input, reason] of cases) {
      assert.throws(() => parseNewDomainName(input, policy, 'name'), (e: unknown) => {
        assert.ok(e instanceof InvalidDomainName);
        assert.deepEqual(e.details, { name: input, reason, param: 'name' });
        return true;
      });
      // Already registered names are still looked up as before.
      assert.doesNotThrow(() => parseDomainName(input, policy));
    }
  });

  test('the policy file: idn_scripts null, a list, or refused when a name is not a modern script', () => {
    const shipped = parseYaml(readFileSync(DEFAULT_TLDS_FILE, 'utf8'), { merge: true }) as { defaults: Record<string, unknown>; tlds: Record<string, unknown> };
    const book = (idn: unknown) => buildPolicyBook({ defaults: { ...shipped.defaults, idn_scripts: idn }, tlds: { test: {} } });
    assert.equal(book(null).get('test').idnScripts, null);
    assert.deepEqual([...book(['Latin', 'Cyrillic']).get('test').idnScripts!], ['Latin', 'Cyrillic']);
    assert.throws(() => book(['Latin', 'Klingon']), new PolicyFileError('tlds.test.idn_scripts: Klingon: not a Unicode script in modern use (e.g. Latin, Greek, Cyrillic, Arabic, Han)'));
    assert.throws(() => book('Latin'), new PolicyFileError('tlds.test.idn_scripts: a list of strings is required'));
    assert.deepEqual([...policy.get('eu').idnScripts!], ['Latin', 'Greek', 'Cyrillic']);
    assert.equal(policy.get('com').idnScripts, null);
  });
});
