/**
 * Domain names inside the DNS service: lower-case presentation form without
 * the trailing dot, the root being ''. Comparison is case-insensitive
 * (RFC 4343), so every name is lower-cased once, when it enters.
 */

export function normalizeName(name: string): string {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n === '.' ? '' : n.toLowerCase();
}

/** "a.b.c" → "b.c"; "c" → ""; "" → null. */
export function parentName(name: string): string | null {
  if (name === '') return null;
  const dot = name.indexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
}

/** True when `name` is `apex` or lies below it. */
export function isAtOrBelow(name: string, apex: string): boolean {
  if (apex === '') return true;
  return name === apex || (name.length > apex.length && name.endsWith(apex) && name.charCodeAt(name.length - apex.length - 1) === 46);
}

/** Absolute presentation form, with the trailing dot. */
export function fqdn(name: string): string {
  return name === '' ? '.' : `${name}.`;
}

/** The name one label below `ancestor` on the way to `name` (which lies strictly below it). */
export function childTowards(name: string, ancestor: string): string {
  const rest = ancestor === '' ? name : name.slice(0, name.length - ancestor.length - 1);
  const dot = rest.lastIndexOf('.');
  const label = dot === -1 ? rest : rest.slice(dot + 1);
  return ancestor === '' ? label : `${label}.${ancestor}`;
}
