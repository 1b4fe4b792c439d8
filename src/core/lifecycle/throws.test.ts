/** Every code the lifecycle, notification and drop-request flows list is a real error code, listed once. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { knownErrorCodes } from '../errors/catalog.ts';
import * as autoRenew from './auto-renew.ts';
import * as completeCreations from './complete-creations.ts';
import * as expireDuePushes from './expire-due-pushes.ts';
import * as expiryReminders from './expiry-reminders.ts';
import * as releaseDomains from './release-domains.ts';
import * as settleDueTransfers from './settle-due-transfers.ts';
import * as stateNotices from './state-notices.ts';
import * as ackNotification from '../flows/notifications/ack-notification.ts';
import * as listNotifications from '../flows/notifications/list-notifications.ts';
import * as pollNotification from '../flows/notifications/poll-notification.ts';
import * as cancelDropRequest from '../flows/drop-requests/cancel-drop-request.ts';
import * as catchDroppedName from '../flows/drop-requests/catch-dropped-name.ts';
import * as createBackorder from '../flows/drop-requests/create-backorder.ts';
import * as createPreorder from '../flows/drop-requests/create-preorder.ts';
import * as listDropRequests from '../flows/drop-requests/list-drop-requests.ts';

const FLOWS = {
  autoRenew, completeCreations, expireDuePushes, expiryReminders, releaseDomains, settleDueTransfers, stateNotices,
  ackNotification, listNotifications, pollNotification,
  cancelDropRequest, catchDroppedName, createBackorder, createPreorder, listDropRequests,
};

const knownCodes = knownErrorCodes;

describe('lifecycle flows: throws lists', () => {
  test('success: every listed code is a real error code, listed once', () => {
    const codes = knownCodes();
    assert.ok(codes.has('NOTIFICATION_NOT_FOUND') && codes.has('DROP_REQUEST_EXISTS') && codes.has('DROP_NAME_AVAILABLE'));
    for (const [name, flow] of Object.entries(FLOWS)) {
      assert.equal(new Set(flow.throws).size, flow.throws.length, `${name} lists a code twice`);
      for (const code of flow.throws) assert.ok(codes.has(code), `${name} lists unknown code ${code}`);
    }
  });
});
