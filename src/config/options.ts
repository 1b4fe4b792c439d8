/**
 * Every configuration key, once: its command-line flag, environment
 * variables, configuration-file key and default. loadConfig resolves them
 * (flags > env > file > default), the CLI registers the flags from this list,
 * and the README's table mirrors it.
 */
export type ConfigKey =
  | 'mode' | 'host' | 'port' | 'shutdownTimeout' | 'dataDir' | 'databaseUrl'
  | 'tldsFile' | 'logLevel' | 'operatorToken' | 'seedDemo'
  | 'dnsEnabled' | 'dnsHost' | 'dnsPort' | 'dns' | 'sweepIntervalMs'
  | 'wapiPreviousHour' | 'wapiLimits' | 'wapiRequestsPerHour' | 'wapiLimitedPerHour'
  | 'wapiBlockAttempts' | 'wapiBlockWindow' | 'wapiBlockDuration'
  | 'dotcfPrefix' | 'dotcfHosts'
  | 'loginAccountAttempts' | 'loginAccountWindow' | 'loginAccountDuration'
  | 'loginAddressAttempts' | 'loginAddressWindow' | 'loginAddressDuration' | 'loginCacheTtl'
  | 'forwardingEnabled' | 'forwardingHost' | 'forwardingPort' | 'forwardingAddresses' | 'forwardingTlsCert' | 'forwardingTlsKey'
  | 'forwardingMaxConnections'
  | 'mailEnabled' | 'mailHost' | 'mailPort' | 'mailHostname' | 'mailExchangers' | 'mailMaxSize' | 'mailMaxConnections' | 'mailTlsCert' | 'mailTlsKey'
  | 'mailSmarthostHost' | 'mailSmarthostPort' | 'mailSmarthostSecure' | 'mailSmarthostUser' | 'mailSmarthostPassword'
  | 'mailFrom' | 'mailOutboxInterval' | 'mailOutboxMaxAttempts' | 'mailOutboxRetryBase' | 'mailOutboxRetryMax'
  | 'whoisEnabled' | 'whoisHost' | 'whoisPort' | 'whoisQueriesPerMinute' | 'whoisConnections' | 'whoisIdleTimeout'
  | 'rdapEnabled' | 'rdapRequestsPerMinute' | 'rdapSearchLimit'
  | 'registrarName' | 'registrarIanaId' | 'registrarUrl' | 'registrarWhoisServer' | 'registrarAbuseEmail' | 'registrarAbusePhone';

export interface ConfigOption {
  readonly key: ConfigKey;
  /** Long flag name without dashes; undefined when the key has no flag. */
  readonly flag: string | undefined;
  /** Placeholder shown in help ("<port>"); undefined for boolean flags. */
  readonly valueName: string | undefined;
  /** Checked in order; the first one set wins. */
  readonly env: readonly string[];
  /** Dotted path in the YAML configuration file. */
  readonly fileKey: string;
  readonly description: string;
  readonly defaultText: string;
}

export const CONFIG_OPTIONS: readonly ConfigOption[] = [
  { key: 'mode', flag: 'mode', valueName: '<mode>', env: ['REGD_MODE'], fileKey: 'mode', description: 'sandbox (movable clock, demo data) or production', defaultText: 'sandbox' },
  { key: 'host', flag: 'host', valueName: '<host>', env: ['REGD_HOST'], fileKey: 'http.host', description: 'HTTP listen address', defaultText: '127.0.0.1' },
  { key: 'port', flag: 'port', valueName: '<port>', env: ['REGD_PORT'], fileKey: 'http.port', description: 'HTTP listen port (0: any free port)', defaultText: '8080' },
  { key: 'shutdownTimeout', flag: 'shutdown-timeout', valueName: '<duration>', env: ['REGD_SHUTDOWN_TIMEOUT'], fileKey: 'http.shutdownTimeout', description: 'how long a shutdown waits for in-flight requests', defaultText: '10s' },
  { key: 'dataDir', flag: 'data-dir', valueName: '<dir>', env: ['REGD_DATA_DIR'], fileKey: 'dataDir', description: 'data directory (embedded database, operator token, server.json)', defaultText: './data' },
  { key: 'databaseUrl', flag: 'database-url', valueName: '<url>', env: ['REGD_DATABASE_URL', 'DATABASE_URL'], fileKey: 'databaseUrl', description: 'PostgreSQL URL; absent: embedded PGlite in <dataDir>/pglite', defaultText: '(none)' },
  { key: 'tldsFile', flag: 'tlds', valueName: '<file>', env: ['REGD_TLDS_FILE'], fileKey: 'tldsFile', description: 'TLD policy file merged over config/tlds.yaml', defaultText: '(none)' },
  { key: 'logLevel', flag: 'log-level', valueName: '<level>', env: ['REGD_LOG_LEVEL'], fileKey: 'logLevel', description: 'fatal, error, warn, info, debug, trace or silent', defaultText: 'info' },
  // No flag: a token on the command line is visible to every user in the process list.
  { key: 'operatorToken', flag: undefined, valueName: undefined, env: ['REGD_OPERATOR_TOKEN'], fileKey: 'operatorToken', description: 'bearer token of the operator API', defaultText: 'generated into <dataDir>/operator.token' },
  { key: 'seedDemo', flag: 'seed-demo', valueName: undefined, env: ['REGD_SEED_DEMO'], fileKey: 'seedDemo', description: 'create the demo account on first start (--no-seed-demo to skip)', defaultText: 'true in sandbox, false in production' },
  { key: 'sweepIntervalMs', flag: 'sweep-interval-ms', valueName: '<ms>', env: ['REGD_SWEEP_INTERVAL_MS'], fileKey: 'sweepIntervalMs', description: 'pause between lifecycle sweeps of a running server, in milliseconds (0: sweep only after clock moves and on `regd sweep`)', defaultText: '60000' },
  { key: 'dnsEnabled', flag: undefined, valueName: undefined, env: ['REGD_DNS'], fileKey: 'dns.enabled', description: 'run the authoritative DNS server with `serve`', defaultText: 'true' },
  { key: 'dnsHost', flag: 'dns-host', valueName: '<host>', env: ['REGD_DNS_HOST'], fileKey: 'dns.host', description: 'DNS listen address (UDP and TCP)', defaultText: '127.0.0.1' },
  { key: 'dnsPort', flag: 'dns-port', valueName: '<port>', env: ['REGD_DNS_PORT'], fileKey: 'dns.port', description: 'DNS listen port (53 in production; 0: any free port)', defaultText: '5353' },
  // The rest of the `dns:` section (name servers, service addresses, secondaries, TSIG keys…): file only, see src/services/dns/options.ts.
  { key: 'dns', flag: undefined, valueName: undefined, env: [], fileKey: 'dns', description: 'DNS settings: nameServers, serviceHosts, secondaries, xfrAllow, tsigKeys… (file only)', defaultText: '(built-in defaults)' },
  // URL forwarding / stealth / parking (README "URL forwarding, stealth and parking").
  { key: 'forwardingEnabled', flag: undefined, valueName: undefined, env: ['REGD_FORWARDING'], fileKey: 'forwarding.enabled', description: 'run the URL forwarding / stealth / parking HTTP service with `serve`', defaultText: 'true' },
  { key: 'forwardingHost', flag: 'forwarding-host', valueName: '<host>', env: ['REGD_FORWARDING_HOST'], fileKey: 'forwarding.host', description: 'forwarding service listen address', defaultText: '127.0.0.1' },
  { key: 'forwardingPort', flag: 'forwarding-port', valueName: '<port>', env: ['REGD_FORWARDING_PORT'], fileKey: 'forwarding.port', description: 'forwarding service listen port (80 or 443 in production; 0: any free port)', defaultText: '8088' },
  { key: 'forwardingAddresses', flag: undefined, valueName: undefined, env: ['REGD_FORWARDING_ADDRESSES'], fileKey: 'forwarding.addresses', description: 'addresses the DNS gives forwarded, stealth and parked domains (apex and www A/AAAA; comma-separated, a list in the file); `dns.forwardAddresses` / `dns.parkingAddresses` override', defaultText: '127.0.0.1' },
  { key: 'forwardingTlsCert', flag: 'forwarding-tls-cert', valueName: '<file>', env: ['REGD_FORWARDING_TLS_CERT'], fileKey: 'forwarding.tls.cert', description: 'PEM certificate (chain): the forwarding service speaks HTTPS (with forwarding.tls.key)', defaultText: '(none: plain HTTP)' },
  { key: 'forwardingTlsKey', flag: 'forwarding-tls-key', valueName: '<file>', env: ['REGD_FORWARDING_TLS_KEY'], fileKey: 'forwarding.tls.key', description: 'PEM private key of forwarding.tls.cert', defaultText: '(none)' },
  { key: 'forwardingMaxConnections', flag: undefined, valueName: undefined, env: ['REGD_FORWARDING_MAX_CONNECTIONS'], fileKey: 'forwarding.maxConnections', description: 'connections the forwarding service holds at once (more are refused)', defaultText: '1000' },
  // E-mail forwarding (SMTP) and outbox delivery (README "E-mail forwarding and the outbox").
  { key: 'mailEnabled', flag: undefined, valueName: undefined, env: ['REGD_MAIL'], fileKey: 'mail.enabled', description: 'run the e-mail forwarding SMTP service with `serve`', defaultText: 'true' },
  { key: 'mailHost', flag: 'mail-host', valueName: '<host>', env: ['REGD_MAIL_HOST'], fileKey: 'mail.host', description: 'SMTP listen address', defaultText: '127.0.0.1' },
  { key: 'mailPort', flag: 'mail-port', valueName: '<port>', env: ['REGD_MAIL_PORT'], fileKey: 'mail.port', description: 'SMTP listen port (25 in production; 0: any free port)', defaultText: '2525' },
  { key: 'mailHostname', flag: undefined, valueName: undefined, env: ['REGD_MAIL_HOSTNAME'], fileKey: 'mail.hostname', description: 'the name the SMTP service greets with and writes in Received headers', defaultText: 'the first mail exchanger' },
  { key: 'mailExchangers', flag: undefined, valueName: undefined, env: ['REGD_MAIL_EXCHANGERS'], fileKey: 'mail.exchangers', description: 'MX host names the DNS gives domains with e-mail forwarding (comma-separated, a list in the file; their addresses: dns.serviceHosts); `dns.mailExchangers` overrides', defaultText: 'mx.regd.test' },
  { key: 'mailMaxSize', flag: undefined, valueName: undefined, env: ['REGD_MAIL_MAX_SIZE'], fileKey: 'mail.maxSize', description: 'largest message the SMTP service accepts, in bytes', defaultText: '10485760' },
  { key: 'mailMaxConnections', flag: undefined, valueName: undefined, env: ['REGD_MAIL_MAX_CONNECTIONS'], fileKey: 'mail.maxConnections', description: 'SMTP connections held at once (more get 421)', defaultText: '100' },
  { key: 'mailTlsCert', flag: 'mail-tls-cert', valueName: '<file>', env: ['REGD_MAIL_TLS_CERT'], fileKey: 'mail.tls.cert', description: 'PEM certificate (chain): the SMTP service offers STARTTLS (with mail.tls.key)', defaultText: '(none: no STARTTLS)' },
  { key: 'mailTlsKey', flag: 'mail-tls-key', valueName: '<file>', env: ['REGD_MAIL_TLS_KEY'], fileKey: 'mail.tls.key', description: 'PEM private key of mail.tls.cert', defaultText: '(none)' },
  { key: 'mailSmarthostHost', flag: 'mail-smarthost-host', valueName: '<host>', env: ['REGD_MAIL_SMARTHOST_HOST'], fileKey: 'mail.smarthost.host', description: 'smarthost that forwarded mail and the outbox are handed to (none: forwarded mail is deferred, the outbox kept)', defaultText: '(none)' },
  { key: 'mailSmarthostPort', flag: 'mail-smarthost-port', valueName: '<port>', env: ['REGD_MAIL_SMARTHOST_PORT'], fileKey: 'mail.smarthost.port', description: 'smarthost port', defaultText: '25' },
  { key: 'mailSmarthostSecure', flag: undefined, valueName: undefined, env: ['REGD_MAIL_SMARTHOST_SECURE'], fileKey: 'mail.smarthost.secure', description: 'implicit TLS to the smarthost (port 465); otherwise STARTTLS when offered', defaultText: 'false' },
  { key: 'mailSmarthostUser', flag: undefined, valueName: undefined, env: ['REGD_MAIL_SMARTHOST_USER'], fileKey: 'mail.smarthost.user', description: 'smarthost AUTH user (none: no AUTH)', defaultText: '(none)' },
  // No flag: a password on the command line is visible to every user in the process list.
  { key: 'mailSmarthostPassword', flag: undefined, valueName: undefined, env: ['REGD_MAIL_SMARTHOST_PASSWORD'], fileKey: 'mail.smarthost.password', description: 'smarthost AUTH password', defaultText: '(none)' },
  { key: 'mailFrom', flag: undefined, valueName: undefined, env: ['REGD_MAIL_FROM'], fileKey: 'mail.from', description: 'sender (From and envelope) of outbox messages: auth codes, expiry reminders, transfer notices', defaultText: 'regd <noreply@regd.test>' },
  { key: 'mailOutboxInterval', flag: undefined, valueName: undefined, env: ['REGD_MAIL_OUTBOX_INTERVAL'], fileKey: 'mail.outbox.interval', description: 'pause between outbox delivery passes (real time)', defaultText: '10s' },
  { key: 'mailOutboxMaxAttempts', flag: undefined, valueName: undefined, env: ['REGD_MAIL_OUTBOX_MAX_ATTEMPTS'], fileKey: 'mail.outbox.maxAttempts', description: 'delivery attempts before an outbox message is given up (status failed)', defaultText: '8' },
  { key: 'mailOutboxRetryBase', flag: undefined, valueName: undefined, env: ['REGD_MAIL_OUTBOX_RETRY_BASE'], fileKey: 'mail.outbox.retryBase', description: 'delay before the second attempt, doubling after each failure (engine clock)', defaultText: '1m' },
  { key: 'mailOutboxRetryMax', flag: undefined, valueName: undefined, env: ['REGD_MAIL_OUTBOX_RETRY_MAX'], fileKey: 'mail.outbox.retryMax', description: 'longest delay between two attempts', defaultText: '6h' },
  // WEDOS WAPI (src/dialects/wedos/README.md).
  { key: 'wapiPreviousHour', flag: 'wapi-previous-hour', valueName: '<true|false>', env: ['REGD_WAPI_PREVIOUS_HOUR'], fileKey: 'dialects.wedos.previousHour', description: 'WAPI: also accept an auth hash of the previous Europe/Prague hour (each use logged as a warning)', defaultText: 'false' },
  { key: 'wapiLimits', flag: 'wapi-limits', valueName: '<true|false>', env: ['REGD_WAPI_LIMITS'], fileKey: 'dialects.wedos.limits', description: 'WAPI: enforce the hourly request limits', defaultText: 'true' },
  { key: 'wapiRequestsPerHour', flag: 'wapi-requests-per-hour', valueName: '<n>', env: ['REGD_WAPI_REQUESTS_PER_HOUR'], fileKey: 'dialects.wedos.requestsPerHour', description: 'WAPI: requests per account and clock hour', defaultText: '1000' },
  { key: 'wapiLimitedPerHour', flag: 'wapi-limited-per-hour', valueName: '<n>', env: ['REGD_WAPI_LIMITED_PER_HOUR'], fileKey: 'dialects.wedos.limitedPerHour', description: 'WAPI: domain-check, domain-create, domain-transfer-check and domain-transfer requests per account and clock hour', defaultText: '100' },
  { key: 'wapiBlockAttempts', flag: 'wapi-block-attempts', valueName: '<n>', env: ['REGD_WAPI_BLOCK_ATTEMPTS'], fileKey: 'dialects.wedos.failedAuthBlock.attempts', description: 'WAPI: failed authentications from one IP address within the window that block it (0: never block)', defaultText: '10' },
  { key: 'wapiBlockWindow', flag: 'wapi-block-window', valueName: '<duration>', env: ['REGD_WAPI_BLOCK_WINDOW'], fileKey: 'dialects.wedos.failedAuthBlock.window', description: 'WAPI: the window in which failed authentications are counted', defaultText: '1h' },
  { key: 'wapiBlockDuration', flag: 'wapi-block-duration', valueName: '<duration>', env: ['REGD_WAPI_BLOCK_DURATION'], fileKey: 'dialects.wedos.failedAuthBlock.duration', description: 'WAPI: how long a blocked IP address stays blocked', defaultText: '1h' },
  // Freenom API v2: the Dot CF edition.
  { key: 'dotcfPrefix', flag: 'dotcf-prefix', valueName: '<path>', env: ['REGD_DOTCF_PREFIX'], fileKey: 'dialects.freenom.dotcfPrefix', description: 'mount path of the Freenom Dot CF edition', defaultText: '/dotcf/v2' },
  { key: 'dotcfHosts', flag: 'dotcf-hosts', valueName: '<hosts>', env: ['REGD_DOTCF_HOSTS'], fileKey: 'dialects.freenom.dotcfHosts', description: 'host names (comma-separated; a list in the file) served the Dot CF edition at the Freenom path', defaultText: 'api.dot.cf' },
  // Failed logins (README "Failed logins"): per login name in every dialect, per client address in KifDom and Freenom.
  { key: 'loginAccountAttempts', flag: 'login-account-attempts', valueName: '<n>', env: ['REGD_LOGIN_ACCOUNT_ATTEMPTS'], fileKey: 'logins.perAccount.attempts', description: 'failed logins of one login name (e-mail) within the window that lock it (0: never lock)', defaultText: '10' },
  { key: 'loginAccountWindow', flag: 'login-account-window', valueName: '<duration>', env: ['REGD_LOGIN_ACCOUNT_WINDOW'], fileKey: 'logins.perAccount.window', description: 'the window in which failed logins of one login name are counted', defaultText: '15m' },
  { key: 'loginAccountDuration', flag: 'login-account-duration', valueName: '<duration>', env: ['REGD_LOGIN_ACCOUNT_DURATION'], fileKey: 'logins.perAccount.duration', description: 'how long a locked login name stays locked (the right password too is refused)', defaultText: '15m' },
  { key: 'loginCacheTtl', flag: 'login-cache-ttl', valueName: '<duration>', env: ['REGD_LOGIN_CACHE_TTL'], fileKey: 'logins.cacheTtl', description: 'how long a verified password, API key, WAPI hash or KifDom token is trusted without the database (0s: always ask it)', defaultText: '30s' },
  { key: 'loginAddressAttempts', flag: 'login-address-attempts', valueName: '<n>', env: ['REGD_LOGIN_ADDRESS_ATTEMPTS'], fileKey: 'logins.perAddress.attempts', description: 'KifDom and Freenom: failed logins from one IP address within the window that block it (0: never block)', defaultText: '30' },
  { key: 'loginAddressWindow', flag: 'login-address-window', valueName: '<duration>', env: ['REGD_LOGIN_ADDRESS_WINDOW'], fileKey: 'logins.perAddress.window', description: 'KifDom and Freenom: the window in which failed logins from one IP address are counted', defaultText: '15m' },
  { key: 'loginAddressDuration', flag: 'login-address-duration', valueName: '<duration>', env: ['REGD_LOGIN_ADDRESS_DURATION'], fileKey: 'logins.perAddress.duration', description: 'KifDom and Freenom: how long a blocked IP address stays blocked', defaultText: '15m' },
  // WHOIS (RFC 3912) and RDAP (RFC 9082/9083): README "WHOIS and RDAP".
  { key: 'whoisEnabled', flag: undefined, valueName: undefined, env: ['REGD_WHOIS'], fileKey: 'whois.enabled', description: 'run the WHOIS server with `serve`', defaultText: 'true' },
  { key: 'whoisHost', flag: 'whois-host', valueName: '<host>', env: ['REGD_WHOIS_HOST'], fileKey: 'whois.host', description: 'WHOIS listen address (TCP)', defaultText: '127.0.0.1' },
  { key: 'whoisPort', flag: 'whois-port', valueName: '<port>', env: ['REGD_WHOIS_PORT'], fileKey: 'whois.port', description: 'WHOIS listen port (43 in production; 0: any free port)', defaultText: '4343' },
  { key: 'whoisQueriesPerMinute', flag: 'whois-queries-per-minute', valueName: '<n>', env: ['REGD_WHOIS_QUERIES_PER_MINUTE'], fileKey: 'whois.queriesPerMinute', description: 'WHOIS queries one IP address may make per minute (0: no limit)', defaultText: '60' },
  { key: 'whoisConnections', flag: 'whois-connections', valueName: '<n>', env: ['REGD_WHOIS_CONNECTIONS'], fileKey: 'whois.connectionsPerAddress', description: 'WHOIS connections one IP address may hold open at once (0: no limit)', defaultText: '5' },
  { key: 'whoisIdleTimeout', flag: 'whois-idle-timeout', valueName: '<duration>', env: ['REGD_WHOIS_IDLE_TIMEOUT'], fileKey: 'whois.idleTimeout', description: 'how long a WHOIS connection may take to send its query line', defaultText: '10s' },
  { key: 'rdapEnabled', flag: undefined, valueName: undefined, env: ['REGD_RDAP'], fileKey: 'rdap.enabled', description: 'serve RDAP under /rdap/ on the HTTP server', defaultText: 'true' },
  { key: 'rdapRequestsPerMinute', flag: 'rdap-requests-per-minute', valueName: '<n>', env: ['REGD_RDAP_REQUESTS_PER_MINUTE'], fileKey: 'rdap.requestsPerMinute', description: 'RDAP requests one IP address may make per minute (over: 429; 0: no limit)', defaultText: '120' },
  { key: 'rdapSearchLimit', flag: 'rdap-search-limit', valueName: '<n>', env: ['REGD_RDAP_SEARCH_LIMIT'], fileKey: 'rdap.searchLimit', description: 'most domains one RDAP search returns (more: truncated, with a notice)', defaultText: '50' },
  { key: 'registrarName', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_NAME'], fileKey: 'registrar.name', description: 'registrar name shown by WHOIS and RDAP', defaultText: 'regd' },
  { key: 'registrarIanaId', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_IANA_ID'], fileKey: 'registrar.ianaId', description: 'registrar IANA id shown by WHOIS and RDAP (9999: reserved by IANA for non-billable transactions where the registry operator acts as registrar)', defaultText: '9999' },
  { key: 'registrarUrl', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_URL'], fileKey: 'registrar.url', description: 'registrar web site shown by WHOIS and RDAP', defaultText: 'https://regd.test' },
  { key: 'registrarWhoisServer', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_WHOIS_SERVER'], fileKey: 'registrar.whoisServer', description: 'registrar WHOIS server name shown by WHOIS and RDAP', defaultText: 'whois.regd.test' },
  { key: 'registrarAbuseEmail', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_ABUSE_EMAIL'], fileKey: 'registrar.abuseEmail', description: 'registrar abuse contact e-mail shown by WHOIS and RDAP', defaultText: 'abuse@regd.test' },
  { key: 'registrarAbusePhone', flag: undefined, valueName: undefined, env: ['REGD_REGISTRAR_ABUSE_PHONE'], fileKey: 'registrar.abusePhone', description: 'registrar abuse contact phone (+CC.NUMBER) shown by WHOIS and RDAP', defaultText: '+1.5555550100' },
];

/** The flag and environment variable that name the configuration file itself. */
export const CONFIG_FILE_FLAG = 'config';
export const CONFIG_FILE_ENV = 'REGD_CONFIG';
