/**
 * The read model of a transfer, seen from one account's side, with its
 * status projected at `now`: a pending transfer whose auto-approval instant
 * has passed is reported as completed at that instant, whether or not the
 * sweeper (completeDueTransfers) has persisted it yet.
 */
import type { TransferRow, TransferStatus } from '../../../store/index.ts';
import { nameServersToApply } from './transfer-name-servers.ts';

export type TransferDirection = 'incoming' | 'outgoing';
export const TRANSFER_DIRECTIONS: readonly TransferDirection[] = ['incoming', 'outgoing'];

export interface TransferItem {
  readonly number: string;
  readonly domain: string;
  /** From the viewing account's side: incoming = it gains the domain. */
  readonly direction: TransferDirection;
  readonly status: TransferStatus;
  readonly requestedAt: Date;
  /** The decision instant, or the request instant while pending. */
  readonly updatedAt: Date;
  readonly autoApproveAt: Date;
  /** The losing side's reason for a decline; empty otherwise. */
  readonly reason: string;
  /**
   * The name servers the domain arrives with, as the gaining account asked:
   * host names, [] for regd's own; null keeps the domain's own. Delegations
   * are public, so both sides see them.
   */
  readonly nameServers: readonly string[] | null;
  /**
   * Requested with a wrong auth code (requestTransfer's awaitAuthCode), and
   * the registry has refused it (AUTH_CODE_CHECK_MS after the request;
   * pending until then): the order waits for the right code
   * (resubmitTransferAuthCode, accepted from the request on) or a
   * cancellation.
   */
  readonly awaitingAuthCode: boolean;
}

/** The reason of a transfer that waits for its auth code (status 'failed'). */
export const AUTH_CODE_REQUIRED_REASON = 'auth code required: the auth code given is not the domain\'s';

export function awaitsAuthCode(row: Pick<TransferRow, 'status' | 'reason'>): boolean {
  return row.status === 'failed' && row.reason === AUTH_CODE_REQUIRED_REASON;
}

/**
 * How long the registry takes to refuse a wrong auth code: until then the
 * transfer shows as pending to both sides (its row is already closed and
 * blocks nothing), then as "auth code required" (decided_at is that
 * instant). A sandbox user watches it happen on the engine clock.
 */
export const AUTH_CODE_CHECK_MS = 60 * 60_000;

/** Requested with a wrong code, and the registry has not answered yet. */
export function authCodeCheckPending(row: Pick<TransferRow, 'status' | 'reason' | 'decided_at'>, now: Date): boolean {
  return awaitsAuthCode(row) && row.decided_at !== null && row.decided_at.getTime() > now.getTime();
}

export interface ProjectedTransfer {
  readonly status: TransferStatus;
  readonly decidedAt: Date | null;
}

export function isOverdue(row: Pick<TransferRow, 'status' | 'auto_approve_at'>, now: Date): boolean {
  return row.status === 'pending' && row.auto_approve_at.getTime() <= now.getTime();
}

/** projectTransferAt(row, now).status is 'pending' (what listTransfers shows as pending). */
export function showsPendingAt(row: Pick<TransferRow, 'status' | 'reason' | 'decided_at' | 'auto_approve_at'>, now: Date): boolean {
  if (isOverdue(row, now)) return false;
  return authCodeCheckPending(row, now) || row.status === 'pending';
}

export function projectTransferAt(row: TransferRow, now: Date): ProjectedTransfer {
  if (isOverdue(row, now)) return { status: 'completed', decidedAt: row.auto_approve_at };
  if (authCodeCheckPending(row, now)) return { status: 'pending', decidedAt: null };
  return { status: row.status, decidedAt: row.decided_at };
}

export function toTransferItem(row: TransferRow, accountId: number, now: Date): TransferItem {
  const p = projectTransferAt(row, now);
  return {
    number: row.number,
    domain: row.domain_name,
    direction: row.gaining_account_id === accountId ? 'incoming' : 'outgoing',
    status: p.status,
    requestedAt: row.requested_at,
    updatedAt: p.decidedAt ?? row.requested_at,
    autoApproveAt: row.auto_approve_at,
    reason: row.reason,
    nameServers: nameServersToApply(row) ?? null,
    awaitingAuthCode: awaitsAuthCode(row) && !authCodeCheckPending(row, now),
  };
}
