import { appReadiness, readinessResponse } from '@eventora/api/health';

import { serverEnv } from '~/server/env';

// Readiness for the load balancer: the database as the runtime role, the schema version, mail.
export const dynamic = 'force-dynamic';

export function GET() {
  return readinessResponse(() => appReadiness(serverEnv()));
}
