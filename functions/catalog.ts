import type { RouteResponses } from '../shared/http/types';
import type { FunctionDeclaration } from './declaration';
import * as addNumbers from './add-numbers/function';
import * as adminDeactivateAccount from './admin-deactivate-account/function';
import * as availableNumbers from './available-numbers/function';
import * as blockSender from './block-sender/function';
import * as createAccount from './create-account/function';
import * as createChildDataReport from './create-child-data-report/function';
import * as createReferral from './create-referral/function';
import * as createRightsRequest from './create-rights-request/function';
import * as createUpload from './create-upload/function';
import * as currentPolicy from './current-policy/function';
import * as deactivateAccount from './deactivate-account/function';
import * as deleteFax from './delete-fax/function';
import * as deliverFax from './deliver-fax/function';
import * as dismissJunkCase from './dismiss-junk-case/function';
import * as emailFeedback from './email-feedback/function';
import * as fulfilRightsRequest from './fulfil-rights-request/function';
import * as downloadRightsExport from './download-rights-export/function';
import * as getFax from './get-fax/function';
import * as getFaxDocument from './get-fax-document/function';
import * as getAdminRightsRequest from './get-admin-rights-request/function';
import * as getProfile from './get-profile/function';
import * as extendRightsRequest from './extend-rights-request/function';
import * as getRightsRequest from './get-rights-request/function';
import * as health from './health/function';
import * as ingestFax from './ingest-fax/function';
import * as listBlockedSenders from './list-blocked-senders/function';
import * as listFaxes from './list-faxes/function';
import * as listJunkCases from './list-junk-cases/function';
import * as listNumbers from './list-numbers/function';
import * as listReferrals from './list-referrals/function';
import * as listRightsRequests from './list-rights-requests/function';
import * as notFound from './not-found/function';
import * as numberQuarantine from './number-quarantine/function';
import * as openapi from './openapi/function';
import * as previewUnsubscribe from './preview-unsubscribe/function';
import * as policyNotificationCounters from './policy-notification-counters/function';
import * as policyNotifications from './policy-notifications/function';
import * as provisionLogin from './provision-login/function';
import * as publishPolicy from './publish-policy/function';
import * as redriveReceipts from './redrive-receipts/function';
import * as referralOptOut from './referral-opt-out/function';
import * as reportJunkFax from './report-junk-fax/function';
import * as retentionSweep from './retention-sweep/function';
import * as rightsDeadlines from './rights-deadlines/function';
import * as sendEmail from './send-email/function';
import * as sendReferralInvitation from './send-referral-invitation/function';
import * as sendPolicyNotices from './send-policy-notices/function';
import * as signupExpiry from './signup-expiry/function';
import * as unblockSender from './unblock-sender/function';
import * as unsubscribe from './unsubscribe/function';
import * as updatePreferences from './update-preferences/function';
import * as updateProfile from './update-profile/function';
import * as usageReport from './usage-report/function';
import * as usageRollup from './usage-rollup/function';
import * as verifyEmail from './verify-email/function';
import * as verifyRightsRequest from './verify-rights-request/function';
import * as createLegalRequest from './create-legal-request/function';
import * as listLegalRequests from './list-legal-requests/function';
import * as getLegalRequest from './get-legal-request/function';
import * as payLegalFee from './pay-legal-fee/function';
import * as objectLegalRequest from './object-legal-request/function';
import * as rejectLegalRequest from './reject-legal-request/function';
import * as produceLegalRequest from './produce-legal-request/function';
import * as downloadLegalProduction from './download-legal-production/function';
import * as listLegalHolds from './list-legal-holds/function';
import * as legalHolds from './legal-holds/function';

/**
 * Each function's declaration module, by the domain it belongs to: the one place a function's
 * domain is said. Each domain is deployed as a nested stack of its own (infra/stateless-stack.ts).
 */
export const domains = {
  /** What serves the API itself. */
  platform: [health, notFound, openapi],
  /** Accounts, the fax number inventory, sign-up's login, its proof and email changes. */
  identity: [
    createAccount,
    getProfile,
    updateProfile,
    updatePreferences,
    deactivateAccount,
    availableNumbers,
    addNumbers,
    listNumbers,
    numberQuarantine,
    verifyEmail,
    provisionLogin,
    signupExpiry,
  ],
  faxes: [
    ingestFax,
    createUpload,
    deliverFax,
    listFaxes,
    getFax,
    getFaxDocument,
    deleteFax,
    listBlockedSenders,
    blockSender,
    unblockSender,
    retentionSweep,
    redriveReceipts,
  ],
  /** The one email pipeline and its feedback. */
  email: [sendEmail, emailFeedback],
  /** Privacy rights requests and their deadlines; junk-fax reports and abuse; anonymised usage reports. */
  privacy: [
    createRightsRequest,
    verifyRightsRequest,
    getRightsRequest,
    fulfilRightsRequest,
    getAdminRightsRequest,
    downloadRightsExport,
    createChildDataReport,
    rightsDeadlines,
    listRightsRequests,
    extendRightsRequest,
    reportJunkFax,
    listJunkCases,
    dismissJunkCase,
    adminDeactivateAccount,
    usageReport,
    usageRollup,
  ],
  /** Referrals, and the choices emailed links record without sign-in (one-click unsubscribe). */
  referrals: [createReferral, sendReferralInvitation, listReferrals, referralOptOut, previewUnsubscribe, unsubscribe],
  /** Privacy policy versions and the fan-out of their notices to every account. */
  policies: [publishPolicy, currentPolicy, policyNotificationCounters, policyNotifications, sendPolicyNotices],
  /** Legal requests (subpoenas, orders, warrants, consents), their productions and the holds they place. */
  legal: [
    createLegalRequest,
    listLegalRequests,
    getLegalRequest,
    payLegalFee,
    objectLegalRequest,
    rejectLegalRequest,
    produceLegalRequest,
    downloadLegalProduction,
    listLegalHolds,
    legalHolds,
  ],
} as const;
export type Domain = keyof typeof domains;

const modules = Object.values(domains).flat();

/** The domain each function belongs to, by function name. */
export const domainOf: ReadonlyMap<string, Domain> = new Map(
  Object.entries(domains).flatMap(([domain, members]) => members.map((module) => [module.default.name, domain as Domain] as const)),
);

/** Every function of the backend. The CDK stacks and the local runtime both deploy exactly these. */
export const catalog: readonly FunctionDeclaration[] = modules.map((module) => module.default);

/**
 * What each route answers (by function name), for the OpenAPI document alone: declared beside the
 * route, but apart from its declaration, so no handler bundles its response schemas.
 */
export const routeResponses: ReadonlyMap<string, RouteResponses> = new Map(
  modules.flatMap((module) => ('responses' in module ? [[module.default.name, module.responses] as const] : [])),
);
