import { finalExportResponse } from '@eventora/api/final-export';

import { services } from '~/server/services';

// A closed clinic's final export for its owner: public (the link is the credential), outside
// the console's signed-in pages. Served here and not by the portal, which holds no access to the
// backup store, and whose host answers nothing for a closed clinic (docs/clinic-data-lifecycle.md).
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  { params }: { params: Promise<{ slug: string; token: string }> },
) {
  return finalExportResponse(services(), request, await params);
}
