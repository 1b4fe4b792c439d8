/**
 * set_domain_dnssec (§15.14: listed, never documented). regd's reading:
 * the DNSSEC data the registrar sends to the registry for one domain
 * (`domain`), replacing what it had, as DS records — `key_tag`,
 * `algorithm`, `digest_type`, `digest` — or DNSKEY records — `flags`,
 * `protocol` (default 3), `algorithm`, `public_key` — the names Dynadot's
 * newer API and its clients use. Several records: the same names with a
 * suffix 0–7 (`key_tag0`, `digest0`, `key_tag1`…). `clear=yes` (no
 * records) makes the domain unsigned. Envelope as its neighbour set_dns2
 * (`SetDomainDnssecResponse`, mixed A). Stored by core's setDomainDnssec.
 */
import { MAX_DNSSEC_KEYS, setDomainDnssec, type DnssecKey } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { defineCommand } from './command.ts';
import { singleDomain } from './setting-domains.ts';

const DS_FIELDS = ['key_tag', 'digest_type', 'digest'] as const;
const DNSKEY_FIELDS = ['flags', 'protocol', 'public_key'] as const;
const ALL_FIELDS = ['algorithm', ...DS_FIELDS, ...DNSKEY_FIELDS] as const;

export const setDomainDnssecCommand = defineCommand<{ readonly name: string; readonly keys: readonly DnssecKey[] }>({
  name: 'set_domain_dnssec',
  uses: [setDomainDnssec],
  parse(params) {
    const name = singleDomain(params);
    const clear = params.flag('clear');
    const keys = readKeys(params);
    if (clear && keys.length > 0) throw new DynadotError('clear=yes takes no dnssec records');
    if (!clear && keys.length === 0) throw DynadotError.missing('algorithm');
    return { name, keys };
  },
  async run(call, input) {
    await call.run(setDomainDnssec, { name: input.name, keys: input.keys });
    return {};
  },
});

/** The unnumbered record, or the numbered ones (not both). */
function readKeys(params: Params): DnssecKey[] {
  const numbered = new Set<number>();
  for (const f of ALL_FIELDS) for (const i of params.family(f, MAX_DNSSEC_KEYS).keys()) numbered.add(i);
  const plain = ALL_FIELDS.some((f) => (params.one(f) ?? '') !== '');
  if (plain && numbered.size > 0) throw new DynadotError('give one dnssec record without numbers, or numbered records (key_tag0, digest0…), not both');
  if (plain) return [keyOf(params, '')];
  return [...numbered].sort((a, b) => a - b).map((i) => keyOf(params, String(i)));
}

function keyOf(params: Params, n: string): DnssecKey {
  const has = (f: string) => (params.one(`${f}${n}`) ?? '') !== '';
  const ds = DS_FIELDS.some(has);
  const dnskey = DNSKEY_FIELDS.some(has);
  if (ds && dnskey) throw new DynadotError(`a dnssec record is a DS record (key_tag${n}, digest_type${n}, digest${n}) or a DNSKEY record (flags${n}, public_key${n}), not both`);
  const algorithm = params.requiredInteger(`algorithm${n}`, 0, 255);
  if (!ds && !dnskey) throw DynadotError.missing(`key_tag${n}`);
  if (ds) {
    return {
      kind: 'ds',
      keyTag: params.requiredInteger(`key_tag${n}`, 0, 65_535),
      algorithm,
      digestType: params.requiredInteger(`digest_type${n}`, 0, 255),
      digest: params.required(`digest${n}`),
    };
  }
  return {
    kind: 'dnskey',
    flags: params.requiredInteger(`flags${n}`, 0, 65_535),
    protocol: params.integer(`protocol${n}`, 0, 255) ?? 3,
    algorithm,
    publicKey: params.required(`public_key${n}`),
  };
}
