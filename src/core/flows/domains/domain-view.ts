/** The read model of a domain, with its lifecycle state projected at `now`. */
import type { DomainRow, EmailForward, ForwardKind, Privacy, RenewOption, ServiceMode } from '../../../store/index.ts';
import { projectDomainAt, type DomainState } from '../../lifecycle/project-domain.ts';
import type { PolicyBook } from '../../policy/policy-book.ts';

export interface DomainView {
  readonly id: number;
  readonly accountId: number;
  readonly name: string;
  readonly unicodeName: string;
  readonly tld: string;
  readonly domainType: 'FREE' | 'PAID';
  readonly state: DomainState;
  readonly inAddGrace: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  readonly redemptionEndsAt: Date | null;
  readonly releasesAt: Date | null;
  readonly deletedAt: Date | null;
  readonly periodMonths: number;
  readonly autoRenew: boolean;
  readonly renewOption: RenewOption;
  readonly privacy: Privacy;
  readonly locked: boolean;
  readonly label: string | null;
  readonly note: string;
  readonly customerId: string | null;
  readonly premium: boolean;
  readonly serviceMode: ServiceMode;
  readonly nameServers: readonly string[];
  readonly forwardUrl: string | null;
  readonly forwardKind: ForwardKind | null;
  readonly forwardTitle: string | null;
  readonly parkingWithAds: boolean | null;
  readonly hostingType: string | null;
  readonly orderId: number | null;
  /** Internal contact row ids; dialects show public numbers via domainContactsOf (flows/contacts). */
  readonly contacts: {
    readonly registrant: number | null;
    readonly admin: number | null;
    readonly tech: number | null;
    readonly billing: number | null;
  };
  readonly folderId: number | null;
  readonly nssetId: number | null;
  readonly emailForward: EmailForward;
  readonly transferredAt: Date | null;
}

export function toDomainView(row: DomainRow, policy: PolicyBook, now: Date): DomainView {
  const p = projectDomainAt(row, policy.get(row.tld), now);
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    unicodeName: row.unicode_name,
    tld: row.tld,
    domainType: row.domain_type,
    state: p.state,
    inAddGrace: p.inAddGrace,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    redemptionEndsAt: p.redemptionEndsAt ?? null,
    releasesAt: p.releasesAt ?? null,
    deletedAt: row.deleted_at,
    periodMonths: row.period_months,
    autoRenew: row.auto_renew,
    renewOption: row.renew_option,
    privacy: row.privacy,
    locked: row.locked,
    label: row.label,
    note: row.note,
    customerId: row.customer_id,
    premium: row.premium,
    serviceMode: row.service_mode,
    nameServers: row.name_servers,
    forwardUrl: row.forward_url,
    forwardKind: row.forward_kind,
    forwardTitle: row.forward_title,
    parkingWithAds: row.parking_with_ads,
    hostingType: row.hosting_type,
    orderId: row.order_id,
    contacts: {
      registrant: row.registrant_contact_id,
      admin: row.admin_contact_id,
      tech: row.tech_contact_id,
      billing: row.billing_contact_id,
    },
    folderId: row.folder_id,
    nssetId: row.nsset_id,
    emailForward: row.email_forward,
    transferredAt: row.transferred_at,
  };
}
