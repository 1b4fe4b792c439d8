import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownErrorCodes } from '../errors/catalog.ts';
import { FLOW_MODULES, throwsOf } from './catalog.ts';
import { renewDomain } from './domains/renew-domain.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));

function flowFiles(): string[] {
  const out: string[] = [];
  for (const topic of readdirSync(dir, { withFileTypes: true })) {
    if (!topic.isDirectory()) continue;
    for (const f of readdirSync(join(dir, topic.name))) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const path = join(dir, topic.name, f);
      if (/^export const throws\b/m.test(readFileSync(path, 'utf8'))) out.push(`./${relative(dir, path)}`);
    }
  }
  return out.sort();
}

test('success: every flow file with a throws list is in the catalog, and only those', () => {
  const catalog = readFileSync(join(dir, 'catalog.ts'), 'utf8');
  const listed = [...catalog.matchAll(/^import \* as \w+ from '(\.\/[^']+)';$/gm)].map((m) => m[1]!).sort();
  assert.deepEqual(listed, flowFiles());
  assert.equal(Object.keys(FLOW_MODULES).length, listed.length);
});

test('success: throwsOf answers a flow its module list', () => {
  assert.ok(throwsOf(renewDomain).includes('RENEW_NOT_ALLOWED'));
  assert.ok(knownErrorCodes().has('RENEW_NOT_ALLOWED'));
});

test('failure: a function outside the catalog has no throws list', () => {
  assert.throws(() => throwsOf(async () => 1), /has no throws list/);
});
