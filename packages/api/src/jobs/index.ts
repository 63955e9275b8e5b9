/**
 * The clinic tasks the worker runs on the fleet's schedules: what a reminder says and when,
 * when a session counts as completed, what is cleaned up, the clinic's backup. Each runs bound
 * to one clinic.
 */
export { backUpClinic, type BackupServices } from './back-up-clinic';
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
export {
  DEVELOPMENT_MAIL_LINK_SECRET,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token';
