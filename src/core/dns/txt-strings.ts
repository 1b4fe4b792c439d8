/**
 * TXT data is kept as one string; on the wire (and in a master file) it is a
 * sequence of <character-string>s of at most 255 bytes each (RFC 1035
 * §3.3.14). The split happens only when encoding, on UTF-8 bytes.
 */
export const MAX_CHARACTER_STRING_BYTES = 255;

export function txtCharacterStrings(value: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(value);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += MAX_CHARACTER_STRING_BYTES) out.push(bytes.subarray(i, i + MAX_CHARACTER_STRING_BYTES));
  return out;
}
