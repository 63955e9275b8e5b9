import { createRouter } from '../../trpc';
import { adminAccessRouter } from './access/router';
import { adminAuditRouter } from './audit';
import { adminAuthRouter } from './auth';
import { adminBackupsRouter } from './backups/router';
import { adminClinicRouter } from './clinic/router';
import { adminHealthRouter } from './health/router';
import { adminJobsRouter } from './jobs/router';
import { adminMoveRouter } from './move/router';
import { adminOffboardingRouter } from './offboarding/router';
import { adminServersRouter } from './servers/router';

/** The platform console's procedures. Only apps/admin serves them; the portal does not. */
export const adminRouter = createRouter({
  auth: adminAuthRouter,
  clinic: adminClinicRouter,
  audit: adminAuditRouter,
  access: adminAccessRouter,
  health: adminHealthRouter,
  jobs: adminJobsRouter,
  move: adminMoveRouter,
  backups: adminBackupsRouter,
  offboarding: adminOffboardingRouter,
  servers: adminServersRouter,
});
