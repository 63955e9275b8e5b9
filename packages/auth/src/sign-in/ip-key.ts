import ipaddr from 'ipaddr.js';

/**
 * The throttle key of a client address. IPv4 (and IPv4-mapped IPv6) count per address; IPv6
 * counts per /64, the block one subscriber usually gets, so rotating addresses inside it does
 * not reset the count. Unknown and unparseable addresses share one bucket each: a request
 * whose address cannot be told is never free of the per-address limit.
 */
export function ipThrottleKey(ip: string | null | undefined): string {
  const raw = ip?.trim();
  if (!raw) return 'ip:unknown';
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(raw);
  } catch {
    return 'ip:unparsed';
  }
  if (address.kind() === 'ipv4') return `ip:${address.toString()}`;
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `ip:${prefix.join(':')}::/64`;
}
