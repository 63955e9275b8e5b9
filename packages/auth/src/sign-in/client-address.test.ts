import { describe, expect, it } from 'vitest';

import { clientAddress, validIp } from './client-address';

// Issue 11, item 2 (failed on main: the leftmost X-Forwarded-For entry, written by the client,
// was the address; rotating it reset the per-address limit, and any text reached the logs).
describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(
      clientAddress({
        socketAddress: '198.51.100.4',
        forwardedFor: '1.2.3.4',
        trustedProxyHops: 0,
      }),
    ).toBe('198.51.100.4');
    expect(
      clientAddress({
        socketAddress: '::ffff:198.51.100.4',
        forwardedFor: null,
        trustedProxyHops: 0,
      }),
    ).toBe('198.51.100.4');
  });

  it('behind N trusted proxies is the entry N from the right; client-written entries are ignored', () => {
    const forwardedFor = 'forged, 203.0.113.9, 10.0.0.2';
    expect(clientAddress({ socketAddress: '10.0.0.3', forwardedFor, trustedProxyHops: 1 })).toBe(
      '10.0.0.2',
    );
    expect(clientAddress({ socketAddress: '10.0.0.3', forwardedFor, trustedProxyHops: 2 })).toBe(
      '203.0.113.9',
    );
    // Rotating the leftmost entry changes nothing.
    expect(
      clientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: '9.9.9.9, 203.0.113.9, 10.0.0.2',
        trustedProxyHops: 2,
      }),
    ).toBe('203.0.113.9');
  });

  it('is unknown (null) when the chain is shorter than the trusted hops or not an IP', () => {
    expect(
      clientAddress({ socketAddress: '10.0.0.3', forwardedFor: null, trustedProxyHops: 1 }),
    ).toBeNull();
    expect(
      clientAddress({
        socketAddress: '10.0.0.3',
        forwardedFor: '203.0.113.9',
        trustedProxyHops: 2,
      }),
    ).toBeNull();
    expect(
      clientAddress({ socketAddress: '10.0.0.3', forwardedFor: '<script>', trustedProxyHops: 1 }),
    ).toBeNull();
  });

  it('only valid IPs are ever written: text, lists and ports are refused', () => {
    expect(validIp('203.0.113.7')).toBe('203.0.113.7');
    expect(validIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(validIp("1.2.3.4'; DROP TABLE users")).toBeNull();
    expect(validIp('1.2.3.4, 5.6.7.8')).toBeNull();
    expect(validIp('1.2.3.4:80')).toBeNull();
    expect(validIp('2130706433')).toBeNull();
    expect(validIp(undefined)).toBeNull();
  });
});
