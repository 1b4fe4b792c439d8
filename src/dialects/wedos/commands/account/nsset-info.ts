/**
 * nsset-info: one of the account's NSSETs. data {tld (default cz), name}.
 * 1000 with data {nsset: {name, status, reg_owner, reg_creator,
 * reg_update, created_date, updated_date, transfer_date, tech_c, dns:
 * {server: [{name, addr_ipv4, addr_ipv6}]}}}, as WEDOS shows it: dates
 * "YYYY-MM-DD HH:MM:SS" in Prague time, registrar ids "REGD", status
 * "linked" when a domain uses the set, else "ok"; a server's addresses of
 * one family joined by ", " ("" when none). Missing name 2100; malformed
 * 2247; unknown or another account's 3214 "Error - NSSET not loaded".
 */
import { getContact, getNsset, isRegdError, type NssetView } from '../../../../core/index.ts';
import { defineCommand, WapiError, type WireData, type WapiCall } from '../../command.ts';
import { pragueDateTime } from '../../prague.ts';
import { verifyNssetTld } from './nsset-tld.ts';
import { requiredText, tldOf } from './params.ts';

export const REGISTRAR_ID = 'REGD';

export const nssetInfo = defineCommand<{ readonly tld: string | undefined; readonly handle: string }>({
  name: 'nsset-info',
  uses: [getNsset, getContact],
  transaction: 'flow',
  parse(data) {
    return { tld: tldOf(data), handle: requiredText(data, ['name', 'nsset'], 2247) };
  },
  async run(call, input) {
    verifyNssetTld(call, input.tld);
    let nsset: NssetView;
    try {
      nsset = await call.run(getNsset, { handle: input.handle });
    } catch (e) {
      if (isRegdError(e) && e.code === 'NSSET_NOT_FOUND') throw new WapiError(3214);
      if (isRegdError(e) && (e.code === 'INVALID_VALUE' || e.code === 'MISSING_PARAMETER')) throw new WapiError(2247);
      throw e;
    }
    return { code: 1000, data: { nsset: await nssetData(call, nsset) } };
  },
});

async function nssetData(call: WapiCall, n: NssetView): Promise<WireData> {
  const tech = n.techContactId === null ? '' : (await call.run(getContact, { contactId: n.techContactId })).handle;
  return {
    name: n.handle,
    status: n.linked ? 'linked' : 'ok',
    reg_owner: REGISTRAR_ID,
    reg_creator: REGISTRAR_ID,
    reg_update: REGISTRAR_ID,
    created_date: pragueDateTime(n.createdAt),
    updated_date: pragueDateTime(n.updatedAt),
    transfer_date: '',
    tech_c: tech,
    dns: {
      server: n.hosts.map((h) => ({
        name: h.name,
        addr_ipv4: h.addresses.filter((a) => !a.includes(':')).join(', '),
        addr_ipv6: h.addresses.filter((a) => a.includes(':')).join(', '),
      })),
    },
  };
}
