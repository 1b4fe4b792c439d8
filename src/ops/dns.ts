/**
 * `regd dns export ZONE` and `regd dns import ZONE FILE`: zones in RFC 1035
 * master format. Export prints any zone the DNS server serves (a hosted
 * zone through the engine's exportZone flow, TLD and service zones as the
 * server builds them); import replaces (or with --append, adds to) a hosted
 * zone's records through the importZone flow, as the operator acting for
 * the domain's holder. The file is read by the CLI process, so an import
 * through a running server uses the caller's file.
 */
import { OPERATOR } from '../core/context.ts';
import { importZone, type ImportZoneResult } from '../core/flows/dns/index.ts';
import { toAscii } from '../core/names.ts';
import type { Services } from '../runtime/services.ts';
import { exportZoneText } from '../services/dns/index.ts';
import { CommandError, defineCommand, type Options } from './command.ts';
export { readZoneFile } from './command.ts';
import { OPERATOR_SOURCE, flag, requiredText } from './options.ts';

export const dnsExport = defineCommand({
  name: 'dns export',
  async run(services: Services, o: Options): Promise<{ zone: string; text: string }> {
    const zone = zoneName(requiredText(o, 'zone'));
    const text = await exportZoneText(services.engine, services.config.dns.options, zone);
    if (text === undefined) throw new CommandError('ZONE_NOT_SERVED', `regd does not serve a zone named ${zone}`);
    return { zone, text };
  },
  render(r: { zone: string; text: string }) {
    return r.text.replace(/\n$/, '');
  },
});

export const dnsImport = defineCommand({
  name: 'dns import',
  async run(services: Services, o: Options): Promise<ImportZoneResult> {
    const zone = zoneName(requiredText(o, 'zone'));
    const text = requiredText(o, 'text');
    return services.engine.run(importZone, { name: zone, text, append: flag(o, 'append') }, { actor: OPERATOR, source: OPERATOR_SOURCE });
  },
  render(r: ImportZoneResult) {
    const skipped = r.skipped.map((s) => `  line ${s.line}: ${s.name} ${s.type} skipped (${s.reason})`);
    return [`Imported ${r.records.length} records into ${r.domain} (serial ${r.serial}).`, ...skipped].join('\n');
  },
});

/** The zone file's text, read by the CLI (an unreadable file is the caller's error, not the server's). */
function zoneName(input: string): string {
  const r = toAscii(input);
  if ('reason' in r) throw new CommandError('INVALID_ZONE', `${input}: ${r.reason}`);
  return r.ascii;
}
