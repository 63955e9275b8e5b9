import { stampedClientAddress } from './request/client-address-stamp';
import type { ApiServices } from './services';

/** What a request tells us, read once from its headers. */
export interface RequestMeta {
  method: string;
  host: string | null;
  clinicHeader: string | null;
  origin: string | null;
  /** The browser's `Sec-Fetch-Site`, for the same-origin check (absent in direct callers). */
  secFetchSite?: string | null;
  cookieHeader: string | null;
  authorizationHeader: string | null;
  /** A validated IP, as the server saw it (request/client-address-stamp.ts); null if unknown. */
  ip: string | null;
  userAgent: string | null;
  /** W3C trace context sent by the caller (trusted only behind our proxy: see ApiServices). */
  traceparent?: string | null;
  /** The request's id in logs and traces, set by the HTTP handler (tests may leave it out). */
  requestId?: string;
}

/** The context every procedure starts from; procedures add the clinic, user and `db`. */
export interface ApiContext {
  services: ApiServices;
  request: RequestMeta;
  /** Headers to send back (Set-Cookie). */
  resHeaders: Headers;
}

/**
 * Reads a fetch Request into RequestMeta. The client's address is never read from a header a
 * client can write (X-Forwarded-For, X-Real-IP): only from the server's own stamp.
 */
export function requestMeta(request: Request): RequestMeta {
  const header = (name: string) => request.headers.get(name);
  return {
    method: request.method,
    host: header('host'),
    clinicHeader: header('x-clinic'),
    origin: header('origin'),
    secFetchSite: header('sec-fetch-site'),
    cookieHeader: header('cookie'),
    authorizationHeader: header('authorization'),
    ip: stampedClientAddress(request.headers),
    userAgent: header('user-agent'),
    traceparent: header('traceparent'),
  };
}

/** The context for one request; tests call it directly with a RequestMeta of their own. */
export function createContext(
  services: ApiServices,
  request: RequestMeta,
  resHeaders = new Headers(),
): ApiContext {
  return { services, request, resHeaders };
}
