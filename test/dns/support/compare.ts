/** Comparing two DNS responses the way the differential test needs: rcode, flags, and sections order-insensitive within RRsets. */
import type { Answer, DecodedPacket } from 'dns-packet';

export interface Normalized {
  readonly rcode: string;
  readonly flags: string;
  readonly edns: string;
  readonly answer: readonly string[];
  readonly authority: readonly string[];
  readonly additional: readonly string[];
  /** RRsets of the answer section in order: CNAME chains must come in chain order. */
  readonly answerOrder: readonly string[];
}

function rrText(a: Answer): string {
  const data = 'data' in a ? a.data : undefined;
  const value = Buffer.isBuffer(data)
    ? data.toString('hex')
    : Array.isArray(data)
      ? data.map((d) => (Buffer.isBuffer(d) ? d.toString('hex') : String(d))).join(',')
      : typeof data === 'object' && data !== null
        ? JSON.stringify(Object.fromEntries(Object.entries(data).sort().map(([k, v]) => [k, typeof v === 'string' ? v.toLowerCase() : v])))
        : String(data).toLowerCase();
  return `${a.name.toLowerCase()} ${'ttl' in a ? a.ttl : ''} ${'class' in a ? a.class : ''} ${a.type} ${value}`;
}

export function normalize(p: DecodedPacket & { readonly rcode?: string }): Normalized {
  const opt = (p.additionals ?? []).find((a) => a.type === 'OPT') as { flags?: number; ednsVersion?: number; extendedRcode?: number } | undefined;
  const flagNames = ['flag_qr', 'flag_aa', 'flag_tc', 'flag_rd', 'flag_ra', 'flag_ad', 'flag_cd'] as const;
  const flags = flagNames.filter((f) => (p as unknown as Record<string, boolean>)[f]).join(' ');
  const order: string[] = [];
  for (const a of p.answers ?? []) {
    const k = `${a.name.toLowerCase()} ${a.type}`;
    if (order.at(-1) !== k) order.push(k);
  }
  return {
    rcode: `${p.rcode}${opt?.extendedRcode ? `+ext${opt.extendedRcode}` : ''}`,
    flags,
    edns: opt ? `v${opt.ednsVersion} do=${(opt.flags ?? 0) & 0x8000 ? 1 : 0}` : 'none',
    answer: (p.answers ?? []).map(rrText).sort(),
    authority: (p.authorities ?? []).map(rrText).sort(),
    additional: (p.additionals ?? []).filter((a) => a.type !== 'OPT').map(rrText).sort(),
    answerOrder: order,
  };
}
