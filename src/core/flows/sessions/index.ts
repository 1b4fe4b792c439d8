// Bearer-token sessions (KifDom): the signing secret, revocation, and the check of a presented token. One file per use case.
export { getSigningSecret } from './get-signing-secret.ts';
export { revokeToken, type TokenRef } from './revoke-token.ts';
export { checkToken, type TokenState } from './check-token.ts';
