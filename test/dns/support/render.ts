/** A response as dig-like text, for golden files: header, flags, EDNS, and each section in wire order. */
import type dnsPacket from 'dns-packet';
import { decode } from './client.ts';
import { rdataText } from '../../../src/services/dns/zone-text.ts';
import { typeNumber } from '../../../src/services/dns/rr.ts';

export function renderResponse(buf: Buffer): string {
  const p = decode(buf);
  const questions = p.questions ?? [];
  const answers = p.answers ?? [];
  const authorities = p.authorities ?? [];
  const additionals = p.additionals ?? [];
  const flags = ['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'].filter((f) => (p as unknown as Record<string, boolean>)[`flag_${f}`]);
  const opt = additionals.find((a) => a.type === 'OPT') as { udpPayloadSize: number; ednsVersion: number; flags: number; extendedRcode: number } | undefined;
  const rcode = opt && opt.extendedRcode ? `${opt.extendedRcode === 1 && p.rcode === 'NOERROR' ? 'BADVERS' : `ext${opt.extendedRcode}+${p.rcode}`}` : p.rcode;
  const lines = [
    `;; opcode: ${p.opcode}, status: ${rcode}, id: ${p.id}`,
    `;; flags: ${flags.join(' ')}; QUERY: ${questions.length}, ANSWER: ${answers.length}, AUTHORITY: ${authorities.length}, ADDITIONAL: ${additionals.length}`,
  ];
  if (opt) lines.push(`;; EDNS: version: ${opt.ednsVersion}, flags:${opt.flags & 0x8000 ? ' do' : ''}; udp: ${opt.udpPayloadSize}`);
  for (const q of questions) lines.push(`;${q.name}.\t${q.class}\t${q.type}`);
  const section = (title: string, list: readonly dnsPacket.Answer[]) => {
    const rrs = list.filter((a) => a.type !== 'OPT');
    if (rrs.length === 0) return;
    lines.push(`;; ${title}`);
    for (const a of rrs) {
      const r = a as { name: string; type: string; ttl: number; class: string; data: unknown };
      const type = typeNumber(r.type) ?? 0;
      let data: string;
      try {
        data = rdataText({ name: r.name, type, ttl: r.ttl, data: r.data, rdata: [], key: '' });
      } catch {
        data = Buffer.isBuffer(r.data) ? `\\# ${r.data.length} ${r.data.toString('hex')}` : JSON.stringify(r.data);
      }
      lines.push(`${r.name}.\t${r.ttl}\t${r.class}\t${r.type}\t${data}`);
    }
  };
  section('ANSWER', answers);
  section('AUTHORITY', authorities);
  section('ADDITIONAL', additionals);
  return lines.join('\n');
}
