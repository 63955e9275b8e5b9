/**
 * The clinic tasks the worker runs on the fleet's schedules: what a reminder says and when,
 * when a session counts as completed, what is cleaned up. Each runs bound to one clinic. The
 * backup task is `@eventora/api/jobs/backups`, apart: the portal imports this module, and must
 * not load the S3 client.
 */
export { readClinicSettings, type ClinicSettings } from './clinic-settings';
export {
  cleanUpExpired,
  completePastBookings,
  notifyExpiringPackages,
  PACKAGE_EXPIRY_NOTICE_DAYS,
  rollUpUsage,
  sendReminders,
  type TaskServices,
} from './clinic-tasks';
export { reminderDueAt } from './reminder-time';
export { passExpiredWaitlistOffers } from './waitlist-expiry';
export {
  DEVELOPMENT_MAIL_LINK_SECRET,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token';
