import { createCallerFactory, createRouter } from './trpc';
import { accountRouter } from './routers/account/router';
import { adminRouter } from './routers/admin/router';
import { auditRouter } from './routers/audit/router';
import { authRouter } from './routers/auth/router';
import { billingRouter } from './routers/billing/router';
import { branchRouter } from './routers/branch/router';
import { calendarFeedRouter } from './routers/calendar-feed/router';
import { catalogRouter } from './routers/catalog/router';
import { clientRouter } from './routers/client/router';
import { deskRouter } from './routers/desk/router';
import { noteRouter } from './routers/note/router';
import { reservationRouter } from './routers/reservation/router';
import { portalRouter } from './routers/portal/router';
import { privacyRouter } from './routers/privacy/router';
import { reportRouter } from './routers/report/router';
import { seriesRouter } from './routers/series/router';
import { serviceRouter } from './routers/service/router';
import { settingsRouter } from './routers/settings/router';
import { teamRouter } from './routers/team/router';
import { therapistRouter } from './routers/therapist/router';
import { timeOffRouter } from './routers/time-off/router';
import { waitlistRouter } from './routers/waitlist/router';
import { walletRouter } from './routers/wallet/router';

/** The clinic portal's API, served by apps/web at /api/trpc. */
export const appRouter = createRouter({
  auth: authRouter,
  audit: auditRouter,
  portal: portalRouter,
  branch: branchRouter,
  therapist: therapistRouter,
  reservation: reservationRouter,
  series: seriesRouter,
  waitlist: waitlistRouter,
  catalog: catalogRouter,
  wallet: walletRouter,
  client: clientRouter,
  billing: billingRouter,
  privacy: privacyRouter,
  settings: settingsRouter,
  service: serviceRouter,
  desk: deskRouter,
  timeOff: timeOffRouter,
  note: noteRouter,
  team: teamRouter,
  account: accountRouter,
  report: reportRouter,
  calendarFeed: calendarFeedRouter,
});

export type AppRouter = typeof appRouter;

/** Calls the portal's procedures in-process (tests, server components). */
export const createAppCaller = createCallerFactory(appRouter);

/** The platform console's API, served by apps/admin at its own /api/trpc. */
export const consoleRouter = createRouter({
  admin: adminRouter,
});

export type ConsoleRouter = typeof consoleRouter;

export const createConsoleCaller = createCallerFactory(consoleRouter);
