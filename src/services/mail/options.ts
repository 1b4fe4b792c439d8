/** What the mail service needs that the store does not hold (config/load-config.ts fills and checks it). */

/** The mail server regd hands every message to: forwarded mail and the outbox. */
export interface Smarthost {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS from the first byte (port 465); otherwise plain, upgraded with STARTTLS when the smarthost offers it. */
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

export interface OutboxDeliveryOptions {
  /** Pause between delivery passes (real time). */
  readonly intervalMs: number;
  /** Attempts before a message is given up (status failed). */
  readonly maxAttempts: number;
  /** Delay before the second attempt, doubling each time up to retryMaxMs (engine clock). */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Sender of outbox messages (From header and envelope). */
  readonly from: string;
}

export interface MailOptions {
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
  /** The name the service greets with (EHLO, Received headers). */
  readonly hostname: string;
  /** Largest message accepted, in bytes (advertised with SIZE). */
  readonly maxSize: number;
  /** Connections held at once; more are refused with 421. */
  readonly maxConnections: number;
  /** PEM files: offer STARTTLS with this certificate (none: no STARTTLS). */
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** Undefined: forwarded mail is deferred (451) and the outbox stays as it is. */
  readonly smarthost: Smarthost | undefined;
  readonly outbox: OutboxDeliveryOptions;
}
