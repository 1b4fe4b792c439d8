// @ts-check
/**
 * A local ESLint rule: which top folders of src/ a layer may import from.
 * The option maps a layer (the first folder under src/, e.g. "core") to
 * the folders it must not import from; an import is resolved against the
 * importing file, so `../../store/index.ts` and `../store/schema.ts` are the
 * same folder wherever they are written. Type-only imports and re-exports
 * count too. Imports of packages and of files outside src/ are not checked.
 */
import path from 'node:path';

const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'src');

/** @param {string} file */
function topFolder(file) {
  const rel = path.relative(SRC, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer of src/ to the folders it may import from' },
    schema: [{ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }],
    messages: { forbidden: 'src/{{from}} must not import from src/{{to}}: {{why}}' },
  },
  create(context) {
    /** @type {Record<string, string[]>} */
    const denied = context.options[0] ?? {};
    const file = context.filename;
    const layer = topFolder(file);
    const forbidden = layer === undefined ? undefined : denied[layer];
    if (!forbidden || forbidden.length === 0) return {};
    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = topFolder(path.resolve(path.dirname(file), source.value));
      if (target === undefined || !forbidden.includes(target)) return;
      const why = layer === 'core'
        ? 'the core depends on nothing above it'
        : target === 'store'
          ? 'only core reaches the database (use core flows and core\'s re-exported types)'
          : 'that would make an import loop between layers';
      context.report({ node: source, messageId: 'forbidden', data: { from: String(layer), to: target, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
