/**
 * What regd's URL forwarding / stealth / parking HTTP service and its
 * e-mail forwarding SMTP service read from the store, as core's queries:
 * the services hold a `SiteSource`, never a database handle. They follow
 * the same change log as the DNS server (kind 'd' names a domain whose row
 * changed; migration 0022 made the forwarding columns fire it too), so a
 * change committed through any dialect reaches them at once.
 */
import type { Engine } from '../engine.ts';
import type { Db, EmailForward, ForwardKind, ServiceMode } from '../../store/index.ts';
import { projectDomainAt } from '../lifecycle/project-domain.ts';
import type { PolicyBook } from '../policy/index.ts';
import type { DnsChangeReader } from './dns-source.ts';
import { dnsSource } from './dns-source.ts';

/** Ids per `in (...)` list. */
const CHUNK = 1_000;

/** The domain states in which regd publishes a domain (the DNS serves its zone): active, and expired within the auto-renew grace. */
const SERVED_STATES = new Set(['active', 'expired']);

export interface SiteRow {
  readonly id: number;
  /** A-label, lower case. */
  readonly name: string;
  readonly tld: string;
  readonly serviceMode: ServiceMode;
  readonly forwardUrl: string | null;
  /** permanent (301), temporary (302) or cloak (stealth frame). */
  readonly forwardKind: ForwardKind | null;
  readonly forwardTitle: string | null;
  readonly parkingWithAds: boolean | null;
  readonly emailForward: EmailForward;
  readonly domainType: 'FREE' | 'PAID';
  readonly createdAt: Date;
  readonly createCompletesAt: Date | null;
  readonly expiresAt: Date;
  readonly addGraceEndsAt: Date | null;
  readonly deletedAt: Date | null;
  readonly releasedAt: Date | null;
}

export interface SiteSource {
  /** A new reader of the DNS change log (the same log the DNS server follows). */
  changeReader(): DnsChangeReader;
  /** The domains of `ids` (any state), or every domain not released. */
  sites(ids?: readonly number[]): Promise<SiteRow[]>;
  /** True when the domain is published now (engine clock): active, or expired within the auto-renew grace, its TLD still operated. */
  servedNow(row: SiteRow): boolean;
}

export function siteSource(engine: Pick<Engine, 'store' | 'clock' | 'policy'>): SiteSource {
  return new StoreSiteSource(engine.store.db, engine.clock, engine.policy, dnsSource(engine));
}

class StoreSiteSource implements SiteSource {
  readonly #db: Db;
  readonly #clock: Engine['clock'];
  readonly #policy: PolicyBook;
  readonly #dns: ReturnType<typeof dnsSource>;

  constructor(db: Db, clock: Engine['clock'], policy: PolicyBook, dns: ReturnType<typeof dnsSource>) {
    this.#db = db;
    this.#clock = clock;
    this.#policy = policy;
    this.#dns = dns;
  }

  changeReader(): DnsChangeReader {
    return this.#dns.changeReader();
  }

  async sites(ids?: readonly number[]): Promise<SiteRow[]> {
    const read = (chunk: readonly number[] | undefined) =>
      this.#db.selectFrom('domains')
        .select([
          'id', 'name', 'tld', 'service_mode', 'forward_url', 'forward_kind', 'forward_title', 'parking_with_ads', 'email_forward',
          'domain_type', 'created_at', 'create_completes_at', 'expires_at', 'add_grace_ends_at', 'deleted_at', 'released_at',
        ])
        .$if(chunk === undefined, (q) => q.where('released_at', 'is', null))
        .$if(chunk !== undefined, (q) => q.where('id', 'in', chunk!))
        .execute();
    const rows = [];
    if (ids === undefined) rows.push(...(await read(undefined)));
    else for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await read(ids.slice(i, i + CHUNK))));
    return rows.map((r) => ({
      id: r.id, name: r.name, tld: r.tld, serviceMode: r.service_mode, forwardUrl: r.forward_url, forwardKind: r.forward_kind,
      forwardTitle: r.forward_title, parkingWithAds: r.parking_with_ads, emailForward: r.email_forward, domainType: r.domain_type,
      createdAt: r.created_at, createCompletesAt: r.create_completes_at, expiresAt: r.expires_at, addGraceEndsAt: r.add_grace_ends_at,
      deletedAt: r.deleted_at, releasedAt: r.released_at,
    }));
  }

  servedNow(row: SiteRow): boolean {
    if (row.releasedAt !== null || !this.#policy.has(row.tld)) return false;
    const p = projectDomainAt(
      {
        created_at: row.createdAt, create_completes_at: row.createCompletesAt, expires_at: row.expiresAt, add_grace_ends_at: row.addGraceEndsAt,
        deleted_at: row.deletedAt, released_at: row.releasedAt, domain_type: row.domainType,
      },
      this.#policy.get(row.tld),
      this.#clock.now(),
    );
    return SERVED_STATES.has(p.state);
  }
}
