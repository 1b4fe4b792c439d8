/**
 * domain-check: can the name be registered? 1000 available, 3201 held
 * (by anyone, this account included), 3204 in quarantine (redemption or
 * pending delete), 3205 reserved, 3206 blocked by the TLD's policy; an
 * invalid name is 2202, a TLD regd does not offer 2201. No data.
 */
import { checkAvailability, type Availability } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { domainName } from './params.ts';

const CODES: Readonly<Record<Availability, number>> = {
  available: 1000,
  registered: 3201,
  quarantined: 3204,
  reserved: 3205,
  blocked: 3206,
};

export const domainCheck = defineCommand<{ readonly name: string }>({
  name: 'domain-check',
  uses: [checkAvailability],
  transaction: 'flow',
  limited: true,
  parse(data) {
    return { name: domainName(data) };
  },
  async run(call, input) {
    const [result] = await call.run(checkAvailability, { names: [input.name] });
    if (!result!.ok) throw result!.error;
    return { code: CODES[result!.availability] };
  },
});
