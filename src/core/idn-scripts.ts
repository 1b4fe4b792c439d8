/**
 * The scripts of an internationalized label, and the registry rules on
 * them: no mixed-script look-alikes (UTS 39 §5.2, "Highly Restrictive"),
 * only the scripts a TLD offers, and only scripts in modern use.
 *
 * A character's scripts are its Unicode Script_Extensions, read with
 * `\p{Script_Extensions=…}` regular expressions; Common and Inherited
 * characters (digits, the hyphen, combining marks) go with any script.
 * A label is single-script when the intersection of its characters' script
 * sets (each augmented as UTS 39 §5.1 says: Han also counts as Japanese,
 * Korean and Han-with-Bopomofo, Hiragana and Katakana as Japanese, Hangul as
 * Korean, Bopomofo as Han-with-Bopomofo) is not empty. "Highly Restrictive"
 * also lets Latin join the combinations Japanese (Han, Hiragana, Katakana),
 * Chinese (Han, Bopomofo) and Korean (Han, Hangul), which registries'
 * tables for those languages allow. So `раураl` (Cyrillic р, а, у and
 * Latin l) is refused, `münchen`, `пример`, `ソニー` and `ソニーstore` are not.
 */

/**
 * Scripts in modern use (UTS 31 Table 4, recommended, and Table 7, limited
 * use): the scripts registries' IDN tables are drawn from. A character of
 * any other script (Linear B, Gothic, Runic…) is refused.
 */
const MODERN_SCRIPTS = [
  'Arabic', 'Armenian', 'Bengali', 'Bopomofo', 'Cyrillic', 'Devanagari', 'Ethiopic', 'Georgian', 'Greek', 'Gujarati',
  'Gurmukhi', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Kannada', 'Katakana', 'Khmer', 'Lao', 'Latin', 'Malayalam',
  'Myanmar', 'Oriya', 'Sinhala', 'Tamil', 'Telugu', 'Thaana', 'Thai', 'Tibetan',
  'Adlam', 'Balinese', 'Bamum', 'Batak', 'Canadian_Aboriginal', 'Chakma', 'Cham', 'Cherokee', 'Hanifi_Rohingya',
  'Javanese', 'Kayah_Li', 'Lepcha', 'Limbu', 'Lisu', 'Mandaic', 'Meetei_Mayek', 'Miao', 'Mongolian', 'New_Tai_Lue',
  'Newa', 'Nko', 'Nyiakeng_Puachue_Hmong', 'Ol_Chiki', 'Osage', 'Saurashtra', 'Sundanese', 'Syloti_Nagri', 'Syriac',
  'Tai_Le', 'Tai_Tham', 'Tai_Viet', 'Tifinagh', 'Vai', 'Wancho', 'Yi',
] as const;

/** The script names a TLD policy may list in `idn_scripts`. */
export const IDN_SCRIPT_NAMES: ReadonlySet<string> = new Set(MODERN_SCRIPTS);

const COMMON = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

let matchers: readonly (readonly [string, RegExp])[] | undefined;

/** Compiled on first use: most names are ASCII and never need them. */
function scriptMatchers(): readonly (readonly [string, RegExp])[] {
  return (matchers ??= MODERN_SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script_Extensions=${s}}$`, 'u')] as const));
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, readonly string[] | 'common'>();

/** A character's modern scripts ([] for none), or 'common' for a character that goes with any script. */
function scriptsOf(ch: string): readonly string[] | 'common' {
  if (/^[0-9-]$/.test(ch)) return 'common';
  if (/^[a-z]$/i.test(ch)) return ['Latin'];
  let s = cache.get(ch);
  if (s === undefined) {
    s = COMMON.test(ch) ? 'common' : scriptMatchers().filter(([, re]) => re.test(ch)).map(([name]) => name);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(ch, s);
  }
  return s;
}

/** UTS 39 §5.1 augmented script set: the writing systems a character can belong to. */
function augmented(scripts: readonly string[]): Set<string> {
  const out = new Set(scripts);
  if (out.has('Han')) for (const s of ['Hanb', 'Jpan', 'Kore']) out.add(s);
  if (out.has('Hiragana') || out.has('Katakana')) out.add('Jpan');
  if (out.has('Hangul')) out.add('Kore');
  if (out.has('Bopomofo')) out.add('Hanb');
  return out;
}

/** The resolved script set (UTS 39 §5.1) of characters' script sets; null stands for "every script". */
function resolve(sets: readonly (readonly string[])[]): Set<string> | null {
  if (sets.length === 0) return null;
  return sets.map(augmented).reduce((resolved, a) => new Set([...resolved].filter((s) => a.has(s))));
}

/** UTS 39 Highly Restrictive beyond single script: Latin with Japanese, Chinese or Korean. */
function latinWithCjk(sets: readonly (readonly string[])[]): boolean {
  const resolved = resolve(sets.filter((scripts) => !scripts.includes('Latin')));
  return resolved === null || resolved.has('Jpan') || resolved.has('Hanb') || resolved.has('Kore');
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a label (Unicode form) may not be registered under a TLD whose policy
 * offers `offered` scripts for its non-ASCII characters (null: every modern
 * script; empty: none), or undefined when it may.
 */
export function labelScriptProblem(label: string, tld: string, offered: ReadonlySet<string> | null): string | undefined {
  const sets: (readonly string[])[] = [];
  for (const ch of label) {
    const scripts = scriptsOf(ch);
    if (scripts === 'common') continue;
    if (scripts.length === 0) return `label "${label}" has a character of no script in modern use ("${ch}", ${codePoint(ch)})`;
    if (offered !== null && ch > '\x7f' && !scripts.some((s) => offered.has(s))) {
      if (offered.size === 0) return `.${tld} offers no internationalized names`;
      return `label "${label}" uses the ${scripts.join('/')} script, which .${tld} does not offer (only ${[...offered].join(', ')})`;
    }
    sets.push(scripts);
  }
  const resolved = resolve(sets);
  if (resolved === null || resolved.size > 0 || latinWithCjk(sets)) return undefined;
  const named = [...new Set(sets.filter((s) => s.length === 1).map((s) => s[0]!))].sort();
  return `label "${label}" mixes scripts (${named.join(', ')})`;
}
