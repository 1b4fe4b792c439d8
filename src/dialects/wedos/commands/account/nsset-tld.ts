/** The `tld` of the NSSET commands: absent means cz; a TLD whose domains do not delegate through NSSETs is 2201. */
import type { FlowContext } from '../../../../core/index.ts';
import { WapiError } from '../../command.ts';

export function verifyNssetTld(ctx: FlowContext, tld: string | undefined): void {
  const t = tld ?? 'cz';
  if (!ctx.policy.has(t) || !ctx.policy.get(t).nssetRequired) throw new WapiError(2201);
}
