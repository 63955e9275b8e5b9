import { describe, expect, it } from 'vitest';

import { ipThrottleKey } from './ip-key';

describe('the throttle key of a client address', () => {
  it('counts IPv4 per address, including IPv4 written as mapped IPv6', () => {
    expect(ipThrottleKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipThrottleKey('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipThrottleKey(' 203.0.113.7 ')).toBe('ip:203.0.113.7');
  });

  it('counts IPv6 per /64, however the address is written', () => {
    const key = ipThrottleKey('2001:db8:1:2::1');
    expect(key).toBe('ip:2001:db8:1:2::/64');
    expect(ipThrottleKey('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(ipThrottleKey('2001:db8:1:3::1')).not.toBe(key);
  });

  // Issue 11, item 2 (failed on main: no address meant no per-address limit at all).
  it('puts unparseable addresses in one shared bucket, and unknown ones in another', () => {
    expect(ipThrottleKey('not an ip')).toBe('ip:unparsed');
    expect(ipThrottleKey('1.2.3.4, 5.6.7.8')).toBe('ip:unparsed');
    expect(ipThrottleKey(null)).toBe('ip:unknown');
    expect(ipThrottleKey('')).toBe('ip:unknown');
  });
});
