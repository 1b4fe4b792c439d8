// Domain flows. One file per use case; add a line per new flow file.
export * from './domain-view.ts';
export { checkAvailability, availabilityOf, type CheckInput, type CheckResult, type Availability } from './check-availability.ts';
export { registerDomain, newAuthCode, type RegisterDomainInput, type RegisterDomainResult } from './register-domain.ts';
export { resolveService, validateNameServers, validateForwardUrl, type ServiceInput } from './service-input.ts';
export { renewDomain, type RenewDomainInput, type RenewDomainResult } from './renew-domain.ts';
export { renewDomainOnce } from './renew-domain-once.ts';
export { getDomain, type GetDomainInput } from './get-domain.ts';
export { getDomainExtras, type DomainExtras, type DomainExtrasInclude, type GetDomainExtrasInput, type AccountTotals } from './get-domain-extras.ts';
export { getDomainOverview, type DomainOverview, type GetDomainOverviewInput } from './get-domain-overview.ts';
export { listDomains, type ListDomainsInput, type ListDomainsResult } from './list-domains.ts';
export { modifyDomain, type ModifyDomainInput } from './modify-domain.ts';
export { getAuthCode, type GetAuthCodeInput } from './get-auth-code.ts';
export { quoteDomainPrices, type QuoteDomainPricesInput, type PeriodPrice } from './quote-domain-prices.ts';
export { setAuthCode, validateAuthCode } from './set-auth-code.ts';
export { verifyAuthCode } from './verify-auth-code.ts';
export { deleteDomain, type DeleteDomainResult } from './delete-domain.ts';
export { restoreDomain, type RestoreDomainResult } from './restore-domain.ts';
export { upgradeDomain, type UpgradeDomainInput, type UpgradeDomainResult } from './upgrade-domain.ts';
export { getResellerHold, setResellerHold, type ResellerHoldView, type GetResellerHoldInput, type SetResellerHoldInput } from './reseller-hold.ts';
export {
  getDomainDnssec, setDomainDnssec, MAX_DNSSEC_KEYS, DNSSEC_ALGORITHMS, DS_DIGEST_LENGTHS,
  type DnssecKey, type DomainDnssecView, type GetDomainDnssecInput, type SetDomainDnssecInput,
} from './dnssec.ts';
export { getDomainDetails, listDomainDetails, type DomainDetails, type GetDomainDetailsInput, type ListDomainDetailsResult } from './describe-domains.ts';
export { listTldPrices, type ListTldPricesInput, type TldPrice } from './list-tld-prices.ts';
