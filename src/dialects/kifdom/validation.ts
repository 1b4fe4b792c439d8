/**
 * Request validation: one strict Ajv (no type coercion, no defaults) for
 * every KifDom route, and the KifDom message of its first error, naming the
 * parameter as the client sent it ("The `renew` parameter should be an
 * integer.").
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { ParamNamer } from './errors.ts';

export function createValidator(): Ajv {
  // strict: false lets schemas carry OpenAPI annotations (description, x-expects).
  return new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, strict: false, verbose: true });
}

const ARTICLE: Readonly<Record<string, string>> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean', array: 'an array', object: 'an object', null: 'null',
};

export function validationMessage(errors: readonly ErrorObject[], context: string, param: ParamNamer): string {
  const e = errors[0];
  if (e === undefined) return 'The request is not valid.';
  const path = e.instancePath.split('/').filter((s) => s !== '');
  if (e.keyword === 'required') return `The \`${param(String(e.params.missingProperty))}\` parameter is required.`;
  if (path.length === 0) return context === 'body' ? 'The request body should be a JSON object.' : 'The request is not valid.';
  const name = `The \`${param(path[0]!)}\` parameter`;
  const expects = (e.parentSchema as { 'x-expects'?: string } | undefined)?.['x-expects'];
  if (path.length > 1) {
    const itemType = typeOf(e);
    return `${name} should be an array${itemType ? ` of ${itemType.replace(/^an? /, '')}s` : ''}.`;
  }
  switch (e.keyword) {
    case 'type':
      return `${name} should be ${expects ?? typeOf(e) ?? 'of another type'}.`;
    case 'enum': {
      const allowed = (e.params.allowedValues as readonly unknown[]).map(String);
      return allowed.length === 2 ? `${name} should be ${allowed[0]} or ${allowed[1]}.` : `${name} should be one of: ${allowed.join(', ')}.`;
    }
    case 'pattern':
      return `${name} should be ${expects ?? 'in a valid format'}.`;
    case 'minLength':
      return `${name} may not be empty.`;
    case 'maxLength':
      return `${name} may not be greater than ${String(e.params.limit)} characters.`;
    case 'maxItems':
      return `${name} may not have more than ${String(e.params.limit)} items.`;
    case 'minimum':
      return `${name} should be at least ${String(e.params.limit)}.`;
    case 'maximum':
      return `${name} may not be greater than ${String(e.params.limit)}.`;
    default:
      return `${name} is invalid.`;
  }
}

function typeOf(e: ErrorObject): string | undefined {
  if (e.keyword !== 'type') return undefined;
  const t = e.params.type as string | readonly string[];
  const list = (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
  const words = list.map((x) => ARTICLE[x] ?? x);
  const nullable = Array.isArray(t) && t.includes('null');
  return words.join(' or ') + (nullable ? ' or null' : '');
}
