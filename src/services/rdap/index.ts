// RDAP under /rdap/ on the HTTP server: see plugin.ts.
export { rdapPlugin, RDAP_TYPES, sendRdapFrameworkError, type RdapOptions } from './plugin.ts';
export { RDAP_CONFORMANCE, RDAP_TYPE } from './objects.ts';
