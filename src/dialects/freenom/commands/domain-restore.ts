/** POST domain/restore: a deleted (or expired) PAID domain back from redemption, at the TLD's restore price. */
import { restoreDomain } from '../../../core/index.ts';
import { ok } from '../render.ts';
import { defineCommand } from './command.ts';

export const domainRestore = defineCommand<{ readonly name: string }>({
  path: 'domain/restore',
  method: 'POST',
  auth: 'required',
  params: { names: ['domainname', 'email', 'password'] },
  uses: [restoreDomain],
  parse(params) {
    return { name: params.required('domainname') };
  },
  async run(call, input) {
    const { domain } = await call.run(restoreDomain, { name: input.name });
    return ok({ domain: [{ domainname: domain.name, result: 'DOMAIN RESTORED', status: 'RESTORED' }] });
  },
});
