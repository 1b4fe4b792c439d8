/**
 * The e-mail forwarding SMTP service: accepts mail for the addresses of the
 * domains whose e-mail forwarding is `forward` (Dynadot set_email_forward:
 * user@domain → exist_email; a `*` alias catches the rest) and relays it,
 * unchanged but for a Received header, to the configured smarthost. Every
 * other recipient is refused with 550 (no open relay); without a smarthost a
 * forwarded recipient is deferred with 451. Message size and connections are
 * bounded; no AUTH, STARTTLS only with a configured certificate (see the
 * README). The domains come from the
 * same mirror as the forwarding service (services/sites), current at each
 * RCPT TO.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { readFileSync } from 'node:fs';
import type { Engine } from '../../core/engine.ts';
import { siteSource } from '../../core/index.ts';
import { acquireSites, type SiteFollower } from '../sites/site-mirror.ts';
import { forwardTargets, splitAddress } from './aliases.ts';
import type { MailMetrics } from './metrics.ts';
import type { MailOptions } from './options.ts';
import type { Relay } from './relay.ts';

export interface MailLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunningSmtpServer {
  readonly port: number;
  readonly sites: SiteFollower;
  close(): Promise<void>;
}

export interface StartSmtpInput {
  readonly engine: Engine;
  readonly options: MailOptions;
  readonly relay: Relay | undefined;
  readonly metrics: MailMetrics;
  readonly log: MailLogger;
}

/** An SMTP reply: smtp-server answers an error with its responseCode. */
function reply(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startSmtpServer(input: StartSmtpInput): Promise<RunningSmtpServer> {
  const { options, relay, metrics, log } = input;
  const sites = await acquireSites(input.engine, () => siteSource(input.engine), (err) => log.error({ err }, 'forwarding/mail: reading the change log failed'));
  /** Accepted recipients of each session → where each goes. */
  const targets = new Map<string, Map<string, string>>();

  const server = new SMTPServer({
    name: options.hostname,
    banner: 'regd e-mail forwarding',
    size: options.maxSize,
    maxClients: options.maxConnections,
    authOptional: true,
    // STARTTLS only with a configured certificate (smtp-server would otherwise offer its built-in self-signed one).
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !options.tls,
    ...(options.tls ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) } : {}),
    disableReverseLookup: true,
    logger: false,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      void (async () => {
        await sites.fresh();
        const parts = splitAddress(address.address);
        const site = parts && sites.mirror.lookup(parts.domain);
        const to = site && forwardTargets(site.emailForward, parts!.local);
        if (to === undefined) {
          metrics.recipients.refused++;
          return callback(reply(550, `5.1.1 <${address.address}>: no such forwarded address here (relaying denied)`));
        }
        if (!relay) {
          metrics.recipients.deferred++;
          return callback(reply(451, '4.3.2 forwarding is not configured on this server, try again later'));
        }
        let mine = targets.get(session.id);
        if (!mine) targets.set(session.id, (mine = new Map()));
        mine.set(address.address, to);
        metrics.recipients.accepted++;
        callback();
      })().catch((err: unknown) => {
        log.error({ err }, 'mail: recipient check failed');
        callback(reply(451, '4.3.0 temporary failure, try again later'));
      });
    },
    onData(stream, session, callback) {
      void relayMessage(stream, session).then(() => callback(), (err: Error) => callback(err));
    },
    onClose(session) {
      targets.delete(session.id);
    },
  });
  server.on('error', (err) => log.warn({ err }, 'mail: connection error'));

  async function relayMessage(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      metrics.messages.too_large++;
      throw reply(552, `5.3.4 message exceeds the fixed maximum size of ${options.maxSize} bytes`);
    }
    const mine = targets.get(session.id) ?? new Map<string, string>();
    const recipients = session.envelope.rcptTo.map((r) => mine.get(r.address)).filter((x): x is string => x !== undefined);
    const to = [...new Set(recipients)];
    const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
    const received = `Received: from ${session.hostNameAppearsAs || 'unknown'} ([${session.remoteAddress}])\r\n`
      + `\tby ${options.hostname} (regd) with ${session.transmissionType} id ${session.id};\r\n\t${new Date().toUTCString().replace('GMT', '+0000')}\r\n`;
    try {
      await relay!.sendRaw({ from, to }, Buffer.concat([Buffer.from(received), ...chunks]));
    } catch (err) {
      metrics.messages.failed++;
      log.warn({ err, session: session.id }, 'mail: relaying to the smarthost failed');
      throw reply(451, '4.4.0 the message could not be relayed now, try again later');
    }
    metrics.messages.relayed++;
    log.info({ session: session.id, from, recipients: to.length, bytes: stream.byteLength }, 'mail: forwarded');
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await sites.close();
    throw e;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  return {
    port,
    sites,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sites.close();
      })();
      return closing;
    },
  };
}

