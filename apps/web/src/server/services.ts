import 'server-only';

import { createApiServices, type ApiServices } from '@eventora/api';

import { secrets, serverEnv } from './env';

// Kept on globalThis so `next dev` reloads reuse the pools.
const globalServices = globalThis as typeof globalThis & { eventoraWebServices?: ApiServices };

/** The portal's process-wide services (see createApiServices in @eventora/api). */
export function services(): ApiServices {
  globalServices.eventoraWebServices ??= createApiServices({
    app: 'portal',
    env: serverEnv(),
    secrets: secrets(),
  });
  return globalServices.eventoraWebServices;
}
