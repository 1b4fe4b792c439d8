/** The `tld` of the NSSET commands: absent means cz; a TLD whose domains do not delegate through NSSETs is 2201. */
import { WapiError, type WapiCall } from '../../command.ts';

export function verifyNssetTld(call: WapiCall, tld: string | undefined): void {
  const t = tld ?? 'cz';
  if (!call.policy.has(t) || !call.policy.get(t).nssetRequired) throw new WapiError(2201);
}
