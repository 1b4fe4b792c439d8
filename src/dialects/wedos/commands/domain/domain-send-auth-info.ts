/**
 * domain-send-auth-info: mail the domain's AUTH-ID to its owner (the
 * registrant contact's e-mail, else the account's) through the outbox.
 * 2243 while the domain is locked (its holder must unlock it before it can
 * leave); 3210 when its state does not allow it (being created, in
 * redemption or pending delete); 3222 for a name the account held but that
 * has been deleted; 3223 for a name the account does not hold. No data.
 */
import { sendAuthCode, getDomain, listDomains } from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { ownDomain } from './domain-info.ts';
import { domainName } from './params.ts';

export const domainSendAuthInfo = defineCommand<{ readonly name: string }>({
  name: 'domain-send-auth-info',
  uses: [getDomain, listDomains, sendAuthCode],
  errors: { DOMAIN_STATUS_PROHIBITS: 3210 },
  parse(data) {
    return { name: domainName(data) };
  },
  async run(call, input) {
    const domain = await ownDomain(call, input.name);
    if (domain.locked) throw new WapiError(2243);
    await call.run(sendAuthCode, { name: domain.name });
    return { code: 1000 };
  },
});
