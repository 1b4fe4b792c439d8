/**
 * Response schemas of the KifDom wire shapes, shared by the commands. They
 * document the API (the OpenAPI document is generated from the routes) and
 * the contract tests validate real responses against that document; they do
 * not shape the output (the plugin serializes with JSON.stringify).
 */

export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;

const amountString = { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{2}$' } as const;

/** The account block on successful resource responses (and some documented 400s). */
export const metaSchema = {
  type: 'object',
  description: 'Account metadata: balance and amount on hold (euros, two decimals), number of domains, error flag.',
  required: ['balance', 'on-hold', 'total', 'error'],
  additionalProperties: false,
  properties: {
    balance: { ...amountString, description: 'Credits of the account, in euros.' },
    'on-hold': { ...amountString, description: 'Credits committed to preorders, in euros.' },
    total: { type: 'integer', description: 'Number of domains held by the account.' },
    error: { type: 'boolean' },
  },
} as const;

/** The account block of most documented 400 responses: other keys, numbers instead of strings. */
export const errorMetaSchema = {
  type: 'object',
  description: 'Account metadata as shown on most 400 responses: numbers, other key names.',
  required: ['on-hold', 'total-domains', 'credits-balance', 'error'],
  additionalProperties: false,
  properties: {
    'on-hold': { type: 'number' },
    'total-domains': { type: 'integer' },
    'credits-balance': { type: 'number' },
    error: { type: 'boolean' },
  },
} as const;

const errorObject = (code: number) =>
  ({
    type: 'object',
    required: ['code', 'message'],
    additionalProperties: false,
    properties: { code: { type: 'integer', enum: [code] }, message: { type: 'string' } },
  }) as const;

export const error400Schema = (meta: 'numeric' | 'string') =>
  ({
    type: 'object',
    description: 'Invalid request: the message names the parameter.',
    required: ['meta', 'error'],
    additionalProperties: false,
    properties: { meta: meta === 'numeric' ? errorMetaSchema : metaSchema, error: errorObject(400) },
  }) as const;

/** A 400 of the login endpoint: no account is known, so there is no meta block. */
export const loginError400Schema = {
  type: 'object',
  description: 'Invalid request body.',
  required: ['error'],
  additionalProperties: false,
  properties: { error: errorObject(400) },
} as const;

export const loginError401Schema = {
  type: 'object',
  description: 'Wrong e-mail or password.',
  required: ['error'],
  additionalProperties: false,
  properties: { error: errorObject(401) },
} as const;

export const loginError429Schema = {
  type: 'object',
  description: 'Too many failed logins for this e-mail or from this address: refused, the right password too, for `Retry-After` seconds.',
  required: ['error'],
  additionalProperties: false,
  properties: { error: errorObject(429) },
} as const;

/** 401 of the auth endpoints ("Unauthenticated.") and of the resource endpoints ("Token not provided", …). */
export const message401Schema = (description: string) =>
  ({
    type: 'object',
    description,
    required: ['message'],
    additionalProperties: false,
    properties: { message: { type: 'string' } },
  }) as const;

export const tokenSchema = {
  type: 'object',
  description: 'A bearer token, valid for expires_in seconds.',
  required: ['access_token', 'token_type', 'expires_in'],
  additionalProperties: false,
  properties: {
    access_token: { type: 'string' },
    token_type: { type: 'string', enum: ['bearer'] },
    expires_in: { type: 'integer' },
  },
} as const;

const codeMessage = {
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: { code: { type: 'integer' }, message: { type: 'string' } },
} as const;

/** `{"meta":…,"data":{"code":200,"message":…}}`: the documented success of most writes. */
export const writeOkSchema = {
  type: 'object',
  description: 'Done.',
  required: ['meta', 'data'],
  additionalProperties: false,
  properties: { meta: metaSchema, data: codeMessage },
} as const;

/** `{"code":200,"message":…}`: the documented success of three writes, without meta. */
export const bareOkSchema = { ...codeMessage, description: 'Done.' } as const;

export const dnsEntrySchema = {
  type: 'object',
  required: ['id', 'type', 'name', 'data', 'ttl'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', description: 'The record id (dns_zone_id).' },
    type: { type: 'string', enum: DNS_TYPES },
    name: { type: 'string', description: '"@" for the domain itself.' },
    data: { type: 'string' },
    priority: { type: 'integer', description: 'MX records only.' },
    ttl: { type: 'integer' },
  },
} as const;

export const nsEntrySchema = {
  type: 'object',
  required: ['id', 'type', 'name', 'data', 'priority', 'ttl'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', description: 'Position of the name server in the list, from 1.' },
    type: { type: 'string', enum: ['NS'] },
    name: { type: 'null' },
    data: { type: 'string' },
    priority: { type: 'null' },
    ttl: { type: 'integer' },
  },
} as const;

export const domainSchema = {
  type: 'object',
  required: ['name', 'punycode_name', 'status', 'renew', 'kifdns', 'registry_ends_at', 'label'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', description: 'The domain name (Unicode for accented names).' },
    punycode_name: { type: 'string' },
    status: { type: 'string', enum: ['active', 'outgoing_transfer', 'pending', 'expired', 'redemption', 'pending_delete'] },
    renew: { type: 'boolean', description: 'Auto-renewal.' },
    kifdns: { type: 'boolean', description: 'The domain uses the KifDom name servers.' },
    dns: { type: 'array', items: dnsEntrySchema, description: 'Present when kifdns is true.' },
    ns: { type: 'array', items: nsEntrySchema, description: 'Present when kifdns is false.' },
    registry_ends_at: { type: 'string', format: 'date-time' },
    label: { type: ['string', 'null'] },
  },
} as const;

/** A record of the name-servers and dns-zones lists (the key is `value`, not `data`). */
export const zoneRecordSchema = {
  type: 'object',
  required: ['id', 'type', 'name', 'value', 'ttl'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    type: { type: 'string', enum: [...DNS_TYPES, 'NS'] },
    name: { type: 'string' },
    value: { type: 'string' },
    priority: { type: 'integer', description: 'MX records only.' },
    ttl: { type: 'integer' },
  },
} as const;

export const recordListSchema = {
  type: 'object',
  description: 'The records.',
  required: ['meta', 'data'],
  additionalProperties: false,
  properties: { meta: metaSchema, data: { type: 'array', items: zoneRecordSchema } },
} as const;

export const preorderSchema = {
  type: 'object',
  required: ['name', 'punycode_name', 'status', 'last_update'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    punycode_name: { type: 'string' },
    status: { type: 'string' },
    last_update: { type: 'string', format: 'date-time' },
  },
} as const;

/** `domain_name` in the URL: Unicode (percent-encoded) or punycode. */
export const domainNameParams = {
  type: 'object',
  required: ['domain_name'],
  properties: { domain_name: { type: 'string', description: 'The domain name, Unicode or punycode.' } },
} as const;
