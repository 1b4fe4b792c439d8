/** Operator commands on accounts: create, list, show, deposit, credentials, suspend/activate. */
import { OPERATOR } from '../core/context.ts';
import { newPassword } from '../core/credentials.ts';
import {
  createAccount, depositFunds, getAccount, getWapiIpAllowlist, listAccounts, rotateApiKey, setAccountStatus, setWapiIpAllowlist, setWapiPassword,
  type AccountLevel, type AccountView,
} from '../core/flows/accounts/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { balanceJson, balanceLine, fields, table, type BalanceJson } from './format.ts';
import { OPERATOR_SOURCE, optionalText, requiredText, resolveAccountId } from './options.ts';

const AS_OPERATOR = { actor: OPERATOR, source: OPERATOR_SOURCE } as const;

type AccountJson = Jsonify<AccountView>;

const PROFILE_KEYS = ['firstName', 'lastName', 'organization', 'address', 'postcode', 'city', 'state', 'country', 'phone'] as const;

export const accountCreate = defineCommand({
  name: 'account create',
  async run(services: Services, o: Options) {
    const given = optionalText(o, 'password');
    const password = given ?? newPassword();
    const profile: Record<string, string> = {};
    for (const k of PROFILE_KEYS) {
      const v = optionalText(o, k);
      if (v !== undefined) profile[k] = v;
    }
    const currency = optionalText(o, 'currency');
    const level = optionalText(o, 'level');
    const pushUsername = optionalText(o, 'pushUsername');
    const wapiPassword = optionalText(o, 'wapiPassword');
    const r = await services.engine.run(
      createAccount,
      {
        ...profile,
        email: requiredText(o, 'email'),
        password,
        ...(currency !== undefined ? { currency } : {}),
        ...(level !== undefined ? { level: level as AccountLevel } : {}),
        ...(pushUsername !== undefined ? { pushUsername } : {}),
        ...(wapiPassword !== undefined ? { wapiPassword } : {}),
      },
      AS_OPERATOR,
    );
    // A generated password is returned once; a given one is never echoed.
    return toJson({ account: r.account, apiKey: r.apiKey, ...(given === undefined ? { password } : {}) });
  },
  render(r: Jsonify<{ account: AccountView; apiKey: string; password?: string }>) {
    return [
      `Created account ${r.account.id} (${r.account.email}).`,
      fields([
        ['API key', `${r.apiKey}  (shown once)`],
        ...(r.password !== undefined ? [['Password', `${r.password}  (generated, shown once)`] as const] : []),
      ]),
    ].join('\n');
  },
});

export const accountList = defineCommand({
  name: 'account list',
  async run(services: Services) {
    return toJson(await services.engine.run(listAccounts, {}, AS_OPERATOR));
  },
  render(accounts: AccountJson[]) {
    return table(
      ['ID', 'E-MAIL', 'NAME', 'STATUS', 'LEVEL', 'CURRENCY', 'CREATED'],
      accounts.map((a) => [String(a.id), a.email, `${a.firstName} ${a.lastName}`.trim(), a.status, a.level, a.defaultCurrency, a.createdAt]),
    );
  },
});

type AccountDetailsJson = AccountJson & { balances: BalanceJson[]; domainCount: number };

export const accountShow = defineCommand({
  name: 'account show',
  async run(services: Services, o: Options) {
    const accountId = await resolveAccountId(services, o);
    const d = await services.engine.run(getAccount, { accountId }, AS_OPERATOR);
    return toJson({ ...d, balances: d.balances.map(balanceJson) });
  },
  render(a: AccountDetailsJson) {
    return [
      fields([
        ['Account', `${a.id}  ${a.email}`],
        ['Status', `${a.status} (${a.level})`],
        ['Name', `${a.firstName} ${a.lastName}`.trim() || '-'],
        ['Organization', a.organization || '-'],
        ['Address', [a.address, a.postcode, a.city, a.state, a.country].filter(Boolean).join(', ') || '-'],
        ['Phone', a.phone || '-'],
        ['Currency', a.defaultCurrency],
        ['Push username', a.pushUsername ?? '-'],
        ['API key', a.apiKeyHint ? `${a.apiKeyHint}…` : 'none'],
        ['WAPI password', a.hasWapiPassword ? 'set' : 'not set'],
        ['Domains', String(a.domainCount)],
        ['Created', a.createdAt],
      ]),
      'Balances:',
      ...(a.balances.length === 0 ? ['  (none)'] : a.balances.map((b) => `  ${balanceLine(b)}`)),
    ].join('\n');
  },
});

export const accountDeposit = defineCommand({
  name: 'account deposit',
  async run(services: Services, o: Options) {
    const accountId = await resolveAccountId(services, o);
    const currency = optionalText(o, 'currency');
    const memo = optionalText(o, 'memo');
    const r = await services.engine.run(
      depositFunds,
      { accountId, amount: requiredText(o, 'amount'), ...(currency !== undefined ? { currency } : {}), ...(memo !== undefined ? { memo } : {}) },
      AS_OPERATOR,
    );
    return toJson({ accountId, orderNumber: r.orderNumber, balance: balanceJson(r.balance) });
  },
  render(r: { accountId: number; orderNumber: string; balance: BalanceJson }) {
    return `Deposited to account ${r.accountId} (order ${r.orderNumber}). Balance: ${balanceLine(r.balance)}`;
  },
});

export const accountApiKey = defineCommand({
  name: 'account api-key',
  async run(services: Services, o: Options) {
    const accountId = await resolveAccountId(services, o);
    const { apiKey } = await services.engine.run(rotateApiKey, { accountId }, AS_OPERATOR);
    return { accountId, apiKey };
  },
  render(r: { accountId: number; apiKey: string }) {
    return `New API key of account ${r.accountId} (the previous one no longer works):\n${r.apiKey}`;
  },
});

export const accountSetWapiPassword = defineCommand({
  name: 'account set-wapi-password',
  async run(services: Services, o: Options) {
    const accountId = await resolveAccountId(services, o);
    const given = optionalText(o, 'password');
    const password = given ?? newPassword();
    await services.engine.run(setWapiPassword, { accountId, password }, AS_OPERATOR);
    return { accountId, ...(given === undefined ? { password } : {}) };
  },
  render(r: { accountId: number; password?: string }) {
    return r.password === undefined
      ? `WAPI password of account ${r.accountId} set.`
      : `WAPI password of account ${r.accountId} set to (shown once):\n${r.password}`;
  },
});

/** The networks an account may call WEDOS WAPI from: shown, replaced (--set a,b) or removed (--clear). */
export const accountWapiIps = defineCommand({
  name: 'account wapi-ips',
  async run(services: Services, o: Options) {
    const accountId = await resolveAccountId(services, o);
    const set = optionalText(o, 'set');
    const networks = o.clear === true
      ? await services.engine.run(setWapiIpAllowlist, { accountId, networks: [] }, AS_OPERATOR)
      : set !== undefined
        ? await services.engine.run(setWapiIpAllowlist, { accountId, networks: set.split(/[\s,]+/).filter((n) => n !== '') }, AS_OPERATOR)
        : await services.engine.run(getWapiIpAllowlist, { accountId }, AS_OPERATOR);
    return { accountId, networks };
  },
  render(r: { accountId: number; networks: string[] }) {
    return r.networks.length === 0
      ? `Account ${r.accountId} may call WAPI from any address.`
      : `Account ${r.accountId} may call WAPI from: ${r.networks.join(', ')}`;
  },
});

function statusCommand(name: string, status: 'active' | 'suspended') {
  return defineCommand({
    name,
    async run(services: Services, o: Options) {
      const accountId = await resolveAccountId(services, o);
      return toJson(await services.engine.run(setAccountStatus, { accountId, status }, AS_OPERATOR));
    },
    render(a: AccountJson) {
      return `Account ${a.id} (${a.email}) is now ${a.status}.`;
    },
  });
}

export const accountSuspend = statusCommand('account suspend', 'suspended');
export const accountActivate = statusCommand('account activate', 'active');
