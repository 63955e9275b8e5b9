import ipaddr from 'ipaddr.js';

/**
 * A client address as it may be stored and logged: a valid IP in its canonical text (IPv4
 * written as mapped IPv6 becomes plain IPv4), or null for anything else.
 */
export function validIp(value: string | null | undefined): string | null {
  const raw = value?.trim();
  // Four-part decimal only: ipaddr.js also takes legacy forms ('0x7f.1', '2130706433').
  if (!raw || !(ipaddr.IPv6.isValid(raw) || ipaddr.IPv4.isValidFourPartDecimal(raw))) return null;
  try {
    return ipaddr.process(raw).toString();
  } catch {
    return null;
  }
}

/**
 * The client's address for throttling and logs, from what the server itself saw: the socket's
 * peer when no proxy is trusted (`trustedProxyHops = 0`, the default), else the address the
 * outermost trusted proxy appended to `X-Forwarded-For`, counting `trustedProxyHops` entries
 * from the right (each trusted proxy appends the peer it saw). Entries further left were
 * written by the client and are never read. Null when the address is missing or not an IP
 * (such requests share one throttle bucket).
 */
export function clientAddress({
  socketAddress,
  forwardedFor,
  trustedProxyHops,
}: {
  socketAddress: string | null | undefined;
  forwardedFor: string | null | undefined;
  trustedProxyHops: number;
}): string | null {
  if (trustedProxyHops <= 0) return validIp(socketAddress);
  const hops = (forwardedFor ?? '').split(',').map((entry) => entry.trim());
  if (forwardedFor == null || hops.length < trustedProxyHops) return null;
  return validIp(hops[hops.length - trustedProxyHops]);
}
