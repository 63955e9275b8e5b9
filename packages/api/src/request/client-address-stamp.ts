import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { clientAddress, validIp } from '@eventora/auth';

/*
 * The client's address, as the server saw it. Next.js hands route handlers a fetch Request with
 * no socket, and writes the socket's peer into X-Forwarded-For only when the client sent none,
 * so a header can never tell who is calling. Each app's instrumentation installs this stamp at
 * start-up: for every request the HTTP server receives, it works out the address from the
 * socket (or the trusted proxies' entries, TRUSTED_PROXY_HOPS) and writes it into a header of
 * its own, with a per-process proof that a client cannot know. `requestMeta` reads the address
 * only with the proof; without it (stamp not installed, header forged) the address is unknown.
 */

const ADDRESS_HEADER = 'x-eventora-client-address';
const PROOF_HEADER = 'x-eventora-client-address-proof';
// One per process, not per bundled copy of this module (Next bundles route handlers apart).
const STAMP_KEY = Symbol.for('eventora.api.client-address-stamp');
const registry = globalThis as typeof globalThis & { [STAMP_KEY]?: { proof: Buffer } };

/** Installs the stamp on every HTTP server of this process (once; later calls do nothing). */
export function stampClientAddresses({ trustedProxyHops }: { trustedProxyHops: number }): void {
  if (registry[STAMP_KEY]) return;
  const proof = randomBytes(24);
  registry[STAMP_KEY] = { proof };
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function stampedEmit(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      const forwarded = request.headers['x-forwarded-for'];
      const address = clientAddress({
        socketAddress: request.socket.remoteAddress,
        forwardedFor: Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
        trustedProxyHops,
      });
      // Overwritten on every request: whatever a client sent under these names is gone.
      request.headers[ADDRESS_HEADER] = address ?? '';
      request.headers[PROOF_HEADER] = proof.toString('hex');
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/** The address the stamp wrote for this request, or null (no stamp, or a forged header). */
export function stampedClientAddress(headers: Headers): string | null {
  const stamp = registry[STAMP_KEY];
  const sent = headers.get(PROOF_HEADER);
  if (!stamp || !sent || !/^[0-9a-f]+$/.test(sent)) return null;
  const given = Buffer.from(sent, 'hex');
  if (given.length !== stamp.proof.length || !timingSafeEqual(given, stamp.proof)) return null;
  return validIp(headers.get(ADDRESS_HEADER));
}
