import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJson, renderXml, type XmlStyle } from './wire-tree.ts';

const PRETTY: XmlStyle = {
  declaration: true, indent: '  ', escapeQuotes: true, booleans: 'words', empty: 'pair',
  indexedObjectsAreLists: false, sanitizeNames: false, dropInvalidChars: false,
};
const COMPACT: XmlStyle = {
  declaration: true, indent: null, escapeQuotes: false, booleans: 'numeric', empty: 'pair',
  indexedObjectsAreLists: true, sanitizeNames: true, dropInvalidChars: true,
};
const BARE: XmlStyle = { ...COMPACT, declaration: false, empty: 'self-closing', booleans: 'words' };

const TREE = {
  status: 'OK',
  text: 'a & <b> "c" \'d\'',
  empty: '',
  none: null,
  skipped: undefined,
  yes: true,
  count: 3,
  list: [{ n: '1' }, { n: '2' }],
  nolist: [],
  nested: { k: 'v' },
};

test('success: JSON keeps key order and types, leaves out undefined', () => {
  assert.equal(
    renderJson(TREE),
    '{"status":"OK","text":"a & <b> \\"c\\" \'d\'","empty":"","none":null,"yes":true,"count":3,"list":[{"n":"1"},{"n":"2"}],"nolist":[],"nested":{"k":"v"}}',
  );
});

test('success: pretty XML with a declaration, quotes escaped, lists repeated, empty list absent', () => {
  assert.equal(renderXml('response', TREE, PRETTY), [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<response>',
    '  <status>OK</status>',
    '  <text>a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;</text>',
    '  <empty></empty>',
    '  <none></none>',
    '  <yes>true</yes>',
    '  <count>3</count>',
    '  <list>',
    '    <n>1</n>',
    '  </list>',
    '  <list>',
    '    <n>2</n>',
    '  </list>',
    '  <nested>',
    '    <k>v</k>',
    '  </nested>',
    '</response>',
    '',
  ].join('\n'));
});

test('success: compact XML, booleans as 1/0, indexed objects as lists, names sanitized, invalid characters dropped', () => {
  const tree = { t: true, f: false, idx: { 0: { d: 'a' }, 1: { d: 'b' } }, 'bad key': 'v', '1x': 'w', ctl: 'a\u0001b "q"' };
  assert.equal(
    renderXml('response', tree, COMPACT),
    '<?xml version="1.0" encoding="UTF-8"?>\n<response><t>1</t><f>0</f><idx><d>a</d></idx><idx><d>b</d></idx><bad_key>v</bad_key><_1x>w</_1x><ctl>ab "q"</ctl></response>',
  );
});

test('success: no declaration, empty elements self-closing', () => {
  assert.equal(renderXml('R', { a: '', b: 'x', c: null }, BARE), '<R><a/><b>x</b><c/></R>');
});
