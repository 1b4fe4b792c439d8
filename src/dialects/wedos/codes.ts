/**
 * Every WAPI return code regd answers, with its English result text.
 *
 * Sources: the general codes (1xxx, 20xx–21xx) use the wording of WEDOS's
 * English code list ("WAPI – Response Codes"), kept verbatim, including its
 * spelling ("Notification aquired"), because clients compare texts; the
 * domain codes are the seed document's (004, in French) translated; the
 * NSSET, contact and DNS codes follow WEDOS's English command pages. 2101
 * says "Invalid parameter value" as the seed does (WEDOS's list has
 * "Parameters mismatch"). 5000 is regd's own: an unexpected internal error.
 */
export const WAPI_CODES: Readonly<Record<number, string>> = {
  // 1xxx: success
  1000: 'OK',
  1001: 'Request pending',
  1002: 'Notification aquired',
  1003: 'Empty notifications queue',
  1200: 'Domain transferred out',
  // 20xx–21xx: invalid request
  2000: 'Request parse error',
  2001: 'Invalid request - required parameter missing: user',
  2002: 'Invalid request - required parameter missing: auth',
  2003: 'Invalid request - required parameter missing: command',
  2004: 'Invalid request - only one data element is allowed',
  2005: 'Invalid request - clTRID parameter is too long',
  2006: 'Requests limit exceeded',
  2007: 'Invalid request - maximum request size exceeded',
  2008: 'Invalid request - request is too complex',
  2009: 'Invalid request - request is empty',
  2010: 'Unknown command',
  2011: 'Command disabled',
  2050: 'Authentication failure',
  2051: 'Access not allowed from this IP address',
  2052: 'IP address temporarily blocked due to too many failed requests',
  2100: 'Required parameter missing',
  2101: 'Invalid parameter value',
  2102: 'Invalid request - input data encoding mismatch',
  2150: 'Notification polling not allowed for this account',
  2151: 'Notification does not exist',
  // 22xx: invalid domain, NSSET and contact requests
  2201: 'Unsupported TLD',
  2202: 'Invalid or unsupported domain name format',
  2203: 'Invalid period',
  2204: 'Domain owner contact ID not specified',
  2207: 'Invalid domain owner contact ID',
  2209: 'Invalid NSSET format',
  2210: 'Invalid DNS server format',
  2211: 'Too many DNS servers',
  2215: 'AUTH-ID not specified and required for this domain',
  2216: 'Invalid contact format',
  2243: 'Sending auth_info is not allowed',
  2245: 'Consent missing',
  2246: 'Error in consent data',
  2247: 'Unsupported NSSET format',
  2252: 'Number of domain requests exceeded',
  2263: 'AUTH-ID is shorter than the minimum length',
  2269: 'Renewal request already exists',
  2271: 'Invalid AUTH-ID format',
  // 23xx: invalid DNS requests
  2309: 'Invalid record type',
  2311: 'Invalid record name',
  2313: 'Invalid CNAME for this name',
  2314: 'Invalid record data',
  2316: 'This record already exists',
  2317: 'Invalid TTL',
  // 3xxx: the target object refuses
  3001: 'Invalid credit account currency',
  3002: 'Insufficient credit on the credit account',
  3003: 'Invalid credit account billing information',
  3201: 'Domain name already used',
  3204: 'Domain is in quarantine',
  3205: 'Domain is reserved',
  3206: 'Domain name is blocked',
  3207: 'Domain is already registered with us',
  3208: 'Transfer failed due to an expiration date problem',
  3209: 'Sending auth_info failed',
  3210: 'Sending auth_info failed - domain not available',
  3214: 'Error - NSSET not loaded',
  3216: 'Failed to retrieve domain information',
  3217: 'Cannot connect to the registry',
  3218: 'Transfer not possible',
  3219: 'Transfer request already in progress for this domain',
  3220: 'Domain is already registered in our registry',
  3221: 'Creation failed',
  3222: 'Failed to retrieve the domain object',
  3223: 'Domain does not belong to your customer account',
  3226: 'Domain transfer failed',
  3227: 'Authorization error at the domain registry',
  3229: 'Error loading contact',
  3230: 'Contact does not exist',
  3242: 'NSSET is unavailable',
  3244: 'NSSET creation failed',
  3245: 'NSSET is already registered',
  3258: 'Registry downtime',
  3266: 'Transfer not possible because the domain is expired',
  3267: 'Authoritative DNS servers failed to resolve',
  3305: 'Domain is locked for editing',
  3306: 'Domain is deleted',
  3309: 'DNS record of that ID does not exist',
  // 4xxx: execution errors (connection, billing)
  4002: 'Credit was not deducted from the credit account',
  4003: 'Failed to create the billing period',
  4205: 'Registry-related error',
  4206: 'Cannot determine whether the domain can be transferred - connection error',
  4207: 'Creation failed - connection error',
  4209: 'Failed to determine the transfer type (with / without renewal)',
  4214: 'Sending auth_info failed - connection error, try again later',
  // 5xxx: internal
  5000: 'Internal error',
  5001: 'Internal connection error',
  5002: 'Transfer price was not calculated',
  5004: 'Billing downtime',
};

/** The standard result text of a code ("Unknown result code NNNN" for a code missing from the table: a bug, seen in tests). */
export function resultText(code: number): string {
  return WAPI_CODES[code] ?? `Unknown result code ${code}`;
}
