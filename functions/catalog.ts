import type { FunctionDeclaration } from './declaration';
import addNumbers from './add-numbers/function';
import adminDeactivateAccount from './admin-deactivate-account/function';
import availableNumbers from './available-numbers/function';
import blockSender from './block-sender/function';
import createAccount from './create-account/function';
import createChildDataReport from './create-child-data-report/function';
import createRightsRequest from './create-rights-request/function';
import createUpload from './create-upload/function';
import deactivateAccount from './deactivate-account/function';
import deleteFax from './delete-fax/function';
import deliverFax from './deliver-fax/function';
import dismissJunkCase from './dismiss-junk-case/function';
import emailFeedback from './email-feedback/function';
import fulfilRightsRequest from './fulfil-rights-request/function';
import downloadRightsExport from './download-rights-export/function';
import getFax from './get-fax/function';
import getFaxDocument from './get-fax-document/function';
import getAdminRightsRequest from './get-admin-rights-request/function';
import getProfile from './get-profile/function';
import extendRightsRequest from './extend-rights-request/function';
import getRightsRequest from './get-rights-request/function';
import health from './health/function';
import ingestFax from './ingest-fax/function';
import listBlockedSenders from './list-blocked-senders/function';
import listFaxes from './list-faxes/function';
import listJunkCases from './list-junk-cases/function';
import listNumbers from './list-numbers/function';
import listRightsRequests from './list-rights-requests/function';
import notFound from './not-found/function';
import numberQuarantine from './number-quarantine/function';
import openapi from './openapi/function';
import provisionLogin from './provision-login/function';
import redriveReceipts from './redrive-receipts/function';
import reportJunkFax from './report-junk-fax/function';
import retentionSweep from './retention-sweep/function';
import rightsDeadlines from './rights-deadlines/function';
import sendEmail from './send-email/function';
import signupExpiry from './signup-expiry/function';
import unblockSender from './unblock-sender/function';
import updatePreferences from './update-preferences/function';
import updateProfile from './update-profile/function';
import verifyEmail from './verify-email/function';
import verifyRightsRequest from './verify-rights-request/function';

/** Every function of the backend. The CDK stacks and the local runtime both deploy exactly these. */
export const catalog: readonly FunctionDeclaration[] = [
  health,
  notFound,
  openapi,
  // accounts
  createAccount,
  getProfile,
  updateProfile,
  updatePreferences,
  deactivateAccount,
  // the fax number inventory
  availableNumbers,
  addNumbers,
  listNumbers,
  numberQuarantine,
  // sign-up's login, its proof and email changes
  verifyEmail,
  provisionLogin,
  signupExpiry,
  // faxes
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
  // email
  sendEmail,
  emailFeedback,
  // privacy rights requests
  createRightsRequest,
  verifyRightsRequest,
  getRightsRequest,
  fulfilRightsRequest,
  getAdminRightsRequest,
  downloadRightsExport,
  createChildDataReport,
  // their deadlines
  rightsDeadlines,
  listRightsRequests,
  extendRightsRequest,
  // junk-fax reports and abuse
  reportJunkFax,
  listJunkCases,
  dismissJunkCase,
  adminDeactivateAccount,
];
