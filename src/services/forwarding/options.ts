/** What the forwarding service needs that the store does not hold (config/load-config.ts fills and checks it). */
export interface ForwardingOptions {
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
  /** PEM files; both or neither. With them the service speaks HTTPS. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** Connections held at once; more are refused at accept. */
  readonly maxConnections: number;
}

export const FORWARDING_DEFAULTS = { host: '127.0.0.1', port: 8088, maxConnections: 1000 } as const;
