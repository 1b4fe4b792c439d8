/**
 * bulk_register (§15.1, [L379-455]): up to 100 names (`domain0`…`domain99`),
 * each registered for the TLD's default period by itself (one transaction
 * per name: a name that fails leaves the others registered). Per name a
 * `RegisterResult` with `Result` success/error, `Expiration` (`-` when not
 * registered) and `Message` (`-`, `not_available`, `insufficient_funds`, or
 * the error text). New envelope generation (ResponseCode, declaration).
 */
import { isRegdError, registerDomain } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { DynadotError, wireErrorOf } from '../errors.ts';
import { unixMs } from '../values.ts';
import { defineCommand } from './command.ts';
import { readCurrency, refuseCoupon } from './domain-params.ts';
import { REGISTER_ERRORS } from './register.ts';

interface BulkInput {
  readonly names: readonly string[];
  readonly premium: boolean;
  readonly currency: string | undefined;
}

export const bulkRegister = defineCommand<BulkInput>({
  name: 'bulk_register',
  uses: [registerDomain],
  transaction: 'flow',
  parse(params) {
    const family = params.family('domain', 100);
    if (family.size === 0) throw DynadotError.missing('domain0');
    refuseCoupon(params);
    return { names: [...family.values()], premium: params.flag('premium'), currency: readCurrency(params) };
  },
  async run(call, input) {
    const results: WireTree[] = [];
    for (const name of input.names) {
      try {
        const r = await call.run(registerDomain, {
          name,
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.premium ? { acceptPremium: true } : {}),
        });
        results.push({ DomainName: r.domain.name, Expiration: unixMs(r.domain.expiresAt), Result: 'success', Message: '-' });
      } catch (e) {
        if (!isRegdError(e)) throw e;
        const w = wireErrorOf(e, REGISTER_ERRORS);
        results.push({ DomainName: name, Expiration: '-', Result: 'error', Message: w.status === 'error' ? w.message : w.status });
      }
    }
    return { content: { BulkRegister: { RegisterResult: results } }, json: { BulkRegister: results } };
  },
});
