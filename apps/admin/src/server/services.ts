import 'server-only';

import { createApiServices, type ApiServices } from '@eventora/api';

import { secrets, serverEnv } from './env';

// Kept on globalThis so `next dev` reloads reuse the pools.
const globalServices = globalThis as typeof globalThis & { eventoraConsoleServices?: ApiServices };

/** The console's process-wide services (see createApiServices in @eventora/api). */
export function services(): ApiServices {
  globalServices.eventoraConsoleServices ??= createApiServices({
    app: 'console',
    env: serverEnv(),
    secrets: secrets(),
  });
  return globalServices.eventoraConsoleServices;
}
