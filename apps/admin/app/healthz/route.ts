import { livenessResponse } from '@eventora/api/health';

// Liveness: the process serves requests. Dependencies are /readyz's business.
export const dynamic = 'force-dynamic';

export function GET() {
  return livenessResponse();
}
