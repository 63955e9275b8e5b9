import { isNodeRuntime, trustedProxyHops } from '~/server/env';

/**
 * Runs once when the server process starts (Next.js instrumentation): stamps every request
 * with the client's address as the server saw it, so throttles and audit entries never trust
 * an address a client wrote (see @eventora/api's request/client-address-stamp.ts).
 */
export async function register(): Promise<void> {
  if (!isNodeRuntime()) return;
  const { stampClientAddresses } = await import('@eventora/api/client-address-stamp');
  stampClientAddresses({ trustedProxyHops: trustedProxyHops() });
}
