import { consoleRouter } from '@eventora/api';
import { handleTrpcRequest } from '@eventora/api/http';

import { services } from '~/server/services';

// The console's tRPC endpoint: platform procedures only (the portal's are not served here).
const handler = (request: Request) =>
  handleTrpcRequest(request, {
    router: consoleRouter,
    services: services(),
    endpoint: '/api/trpc',
  });

export { handler as GET, handler as POST };
