import { EnvNames, requiredEnv } from '../../config';
import { DynamoAccountStore } from './account-store';
import { DynamoAuditTrail } from './audit-trail';
import { documentClient } from './client';
import { DynamoEmailDeliveries, DynamoSuppressionList } from './email-stores';
import { DynamoAccountPartitions, DynamoErasureReceipts, DynamoPersonRequests } from './erasure-stores';
import { DynamoBlockList, DynamoInbox, DynamoRecipients } from './fax-stores';
import { DynamoReceiptStore, DynamoUploadStore } from './gateway-stores';
import { DynamoJunkReportStore } from './junk-store';
import { DynamoHeldFaxes, DynamoLegalRequestStore } from './legal-store';
import { DynamoNumberInventory } from './number-store';
import { DynamoReferralOptOuts, DynamoReferralStore } from './referral-store';
import { DynamoNoticeRecords, DynamoNotifiableAccounts, DynamoPolicyStore, dynamoNoticeTargets } from './policy-store';
import { DynamoRightsRequestStore } from './rights-request-store';
import { DynamoThrottle } from './throttle';
import { DynamoUsageStore } from './usage-store';

// The stores on the function's bound table, each built once per container by the handler.
const table = () => requiredEnv(EnvNames.table);

export const accountStore = () => new DynamoAccountStore(documentClient, table());
export const receiptStore = () => new DynamoReceiptStore(documentClient, table());
export const recipients = () => new DynamoRecipients(documentClient, table());
export const uploadStore = () => new DynamoUploadStore(documentClient, table());
export const inbox = () => new DynamoInbox(documentClient, table());
export const blockList = () => new DynamoBlockList(documentClient, table());
export const emailDeliveries = () => new DynamoEmailDeliveries(documentClient, table());
export const suppressionList = () => new DynamoSuppressionList(documentClient, table());
export const numberInventory = () => new DynamoNumberInventory(documentClient, table());
export const rightsRequestStore = () => new DynamoRightsRequestStore(documentClient, table());
export const auditTrail = () => new DynamoAuditTrail(documentClient, table());
export const junkReportStore = () => new DynamoJunkReportStore(documentClient, table());
/** Junk-fax reports per reporter per hour. */
export const junkReportThrottle = () => new DynamoThrottle(documentClient, table(), 'junk-reports');
/** Sign-ups per source address and per email digest per day. */
export const signUpThrottle = () => new DynamoThrottle(documentClient, table(), 'sign-ups');
/** Rights-request codes per email: issued, held open and tried. */
export const rightsCodeThrottle = () => new DynamoThrottle(documentClient, table(), 'rights-codes');
/** Email-change codes per account: issued and tried. */
export const emailChangeThrottle = () => new DynamoThrottle(documentClient, table(), 'email-change-codes');
export const referralStore = () => new DynamoReferralStore(documentClient, table());
export const referralOptOuts = () => new DynamoReferralOptOuts(documentClient, table());
/** Referral invitations asked for per customer per day. */
export const referralThrottle = () => new DynamoThrottle(documentClient, table(), 'referrals');
/** Referral invitations sent per friend's email per window. */
export const invitationThrottle = () => new DynamoThrottle(documentClient, table(), 'referral-invitations');
export const accountPartitions = () => new DynamoAccountPartitions(documentClient, table());
export const personRequests = () => new DynamoPersonRequests(documentClient, table());
export const erasureReceipts = () => new DynamoErasureReceipts(documentClient, table());
export const policyStore = () => new DynamoPolicyStore(documentClient, table());
export const notifiableAccounts = () => new DynamoNotifiableAccounts(documentClient, table());
export const noticeRecords = () => new DynamoNoticeRecords(documentClient, table());
export const noticeTargets = () => dynamoNoticeTargets(documentClient, table());
export const usageStore = () => new DynamoUsageStore(documentClient, table());
/** Legal requests and the holds they place. */
export const legalRequestStore = () => new DynamoLegalRequestStore(documentClient, table());
/** The faxes legal holds keep past their retention. */
export const heldFaxes = () => new DynamoHeldFaxes(documentClient, table());
