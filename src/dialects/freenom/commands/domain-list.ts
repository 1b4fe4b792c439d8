/**
 * GET domain/list: the caller's domains by name, paged (pagenr from 1,
 * results_per_page default 25). The result is the document's
 * `DOMAINS FOUND`, without a count (the document gives none).
 * Dot CF edition: no autorenew field.
 */
import { getAuthCode, listDomains } from '../../../core/index.ts';
import { authCodeOf } from '../domain-data.ts';
import { wholeNumber } from '../params.ts';
import { enabled, ok, wireDate, wireDomainStatus, type WireObject } from '../render.ts';
import { defineCommand } from './command.ts';

/** The engine's largest page. */
const MAX_PER_PAGE = 1000;
const MAX_PAGE = 1_000_000;

export const domainList = defineCommand<{ readonly page: number; readonly perPage: number }>({
  path: 'domain/list',
  method: 'GET',
  auth: 'required',
  params: { names: ['pagenr', 'results_per_page', 'email', 'password'] },
  uses: [listDomains, getAuthCode],
  parse(params) {
    return { page: wholeNumber(params, 'pagenr', 1, 1, MAX_PAGE), perPage: wholeNumber(params, 'results_per_page', 25, 1, MAX_PER_PAGE) };
  },
  async run(call, input, env) {
    const { items } = await call.run(listDomains, { offset: (input.page - 1) * input.perPage, limit: input.perPage });
    const domain: WireObject[] = [];
    for (const d of items) {
      const paid = d.domainType === 'PAID';
      domain.push({
        domainname: d.name,
        domaintype: d.domainType,
        registrationdate: wireDate(d.createdAt),
        expirationdate: wireDate(d.expiresAt),
        status: wireDomainStatus(d.state),
        ...(paid ? { authcode: await authCodeOf(call, d.name) } : {}),
        ...(paid && env.edition === 'freenom' ? { autorenew: enabled(d.autoRenew) } : {}),
      });
    }
    return ok({ domain }, 'DOMAINS FOUND');
  },
});
