export * from './account-view.ts';
export { createAccount, type CreateAccountInput, type CreateAccountResult } from './create-account.ts';
export { authenticateByPassword, authenticateByApiKey, authenticateByWapiHash } from './authenticate-account.ts';
export { rotateApiKey, setWapiPassword, setPassword } from './manage-credentials.ts';
export { getAccount, listAccounts, updateAccount, setAccountStatus, setAccountLevel, depositFunds, type AccountDetails } from './manage-account.ts';
export { ACCOUNT_LEVELS, type AccountLevel } from './profile-input.ts';
export { getWapiIpAllowlist, setWapiIpAllowlist, canonicalNetwork, addressInNetworks, MAX_WAPI_NETWORKS } from './wapi-ip-allowlist.ts';
