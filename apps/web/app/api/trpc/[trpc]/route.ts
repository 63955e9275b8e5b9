import { appRouter } from '@eventora/api';
import { handleTrpcRequest } from '@eventora/api/http';

import { services } from '~/server/services';

// The portal's tRPC endpoint. Clinic and session come from the request (host, cookie).
const handler = (request: Request) =>
  handleTrpcRequest(request, { router: appRouter, services: services(), endpoint: '/api/trpc' });

export { handler as GET, handler as POST };
