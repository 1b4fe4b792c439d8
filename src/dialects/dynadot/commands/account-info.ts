/**
 * account_info (§15.7, [L3165-3328]): the account's profile, balance,
 * spending and defaults. New generation (declaration, `ResponseCode`, JSON
 * number 0); XML `AccountInfoContent>AccountInfo`, JSON `AccountInfo`.
 * XML and JSON only. Where regd's account differs from Dynadot's, README
 * "Choices" (account group) says what each field shows.
 */
import { getAccount, getAccountSpending, getDefaults, type AccountDetails, type SettingsTemplate } from '../../../core/index.ts';
import type { WireTree } from '../../kit/index.ts';
import { dollars, unixMs, yesNo } from '../values.ts';
import { defineCommand } from './command.ts';

const PRICE_LEVELS: Readonly<Record<AccountDetails['level'], string>> = {
  regular: 'Regular Pricing',
  bulk: 'Bulk Pricing',
  super_bulk: 'Super Bulk Pricing',
  reseller: 'Reseller Pricing',
};

export const accountInfo = defineCommand<Record<string, never>>({
  name: 'account_info',
  uses: [getAccount, getAccountSpending, getDefaults],
  transaction: 'flow',
  parse: () => ({}),
  async run(call) {
    const account = await call.run(getAccount, {});
    const spending = await call.run(getAccountSpending, {});
    const { template } = await call.run(getDefaults, {});
    const currency = account.defaultCurrency;
    const balance = account.balances.find((b) => b.currency === currency)?.availableMinor ?? 0;
    const spent = spending.find((s) => s.currency === currency)?.spentMinor ?? 0;
    const info = {
      Username: account.email,
      ForumName: '',
      Contact: contactOf(account),
      CustomerSince: unixMs(account.createdAt),
      AccountLock: account.status === 'active' ? 'off' : 'on',
      TotalSpending: dollars(spent, currency),
      PriceLevel: PRICE_LEVELS[account.level],
      AccountBalance: dollars(balance, currency),
      CustomTimeZone: 'UTC',
      DefaultSettings: defaultSettingsOf(template),
    };
    return { content: { AccountInfo: info }, json: { AccountInfo: info } };
  },
});

function contactOf(a: AccountDetails): WireTree {
  const [address1 = '', ...rest] = a.address.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const phone = /^\+(\d{1,3})\.(\d+)$/.exec(a.phone);
  return {
    Organization: a.organization,
    Name: [a.firstName, a.lastName].filter((s) => s !== '').join(' '),
    Email: a.email,
    PhoneCc: phone?.[1] ?? '',
    PhoneNum: phone?.[2] ?? a.phone.replace(/^\+/, ''),
    FaxCc: '',
    FaxNum: '',
    Address1: address1,
    Address2: rest.join(', '),
    City: a.city,
    State: a.state,
    ZipCode: a.postcode,
    Country: a.country,
  };
}

/** Default contacts (`0`: none) and how new domains will be served. */
function defaultSettingsOf(t: SettingsTemplate): WireTree {
  const id = (n: number | undefined) => ({ ContactId: String(n ?? 0) });
  return {
    DefaultWhois: {
      DefaultRegistrant: id(t.contacts?.registrant),
      DefaultAdmin: id(t.contacts?.admin),
      DefaultTechnical: id(t.contacts?.tech),
      DefaultBilling: id(t.contacts?.billing),
    },
    DefaultNameServerSettings: nameServerSettingsOf(t),
  };
}

/**
 * The Type names get_dns uses; WithAds is `yes` only for parking with ads
 * (account_info writes `yes`/`no`, folder_list `Yes`/`No`, as their examples).
 */
export function nameServerSettingsOf(t: SettingsTemplate, adsWord: (ads: boolean) => string = yesNo): { Type: string; WithAds: string } {
  const s = t.service;
  let type = 'Dynadot DNS';
  let ads = false;
  if (t.nameServers !== undefined && t.nameServers.length > 0) type = 'Name Servers';
  else if (s !== undefined && 'parking' in s) {
    type = 'Dynadot Parking';
    ads = s.parking.withAds;
  } else if (s !== undefined && 'forward' in s) type = s.forward.kind === 'cloak' ? 'Stealth Forwarding' : 'URL Forwarding';
  else if (s !== undefined && 'hosting' in s) type = 'Dynadot Hosting';
  return { Type: type, WithAds: adsWord(ads) };
}
