/**
 * delete (§15.1, [L189-228], §17): deletes one domain still inside its add
 * grace period; the registration is refunded to the balance. After the
 * grace period (or for a domain regd never charged a registration for:
 * pushed, transferred in) or one renewed since: `SuccessCode 1`, `Status grace_expired`, and the
 * domain is untouched. A locked domain: "Please unlock your domain
 * firstly.". JSON adds `DomainName`.
 */
import { addMonths, deleteDomain, getDomain } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';

export const del = defineCommand<{ readonly name: string }>({
  name: 'delete',
  uses: [getDomain, deleteDomain],
  parse(params) {
    return { name: params.required('domain') };
  },
  async run(call, input) {
    const d = await call.run(getDomain, { name: input.name });
    // Renewed since registration: the expiry is past the registered period.
    const renewed = d.expiresAt.getTime() > addMonths(d.createdAt, d.periodMonths).getTime();
    const deletable = d.inAddGrace && d.orderId !== null && d.transferredAt === null && !renewed;
    // A locked domain is refused by deleteDomain in its own words, whatever its grace.
    if (!deletable && !d.locked) throw new DynadotError('grace_expired', { code: 1, status: 'grace_expired' });
    const r = await call.run(deleteDomain, { name: d.name });
    return { json: { DomainName: r.domain.name } };
  },
});
