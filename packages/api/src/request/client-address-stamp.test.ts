import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requestMeta } from '../context';
import { stampClientAddresses, stampedClientAddress } from './client-address-stamp';

// Issue 11, item 2 (failed on main: requestMeta took the leftmost X-Forwarded-For entry or
// X-Real-IP, both written by the client).
describe('the client address stamp', () => {
  let server: http.Server;
  let base: string;
  let seen: (string | null)[] = [];

  beforeAll(async () => {
    stampClientAddresses({ trustedProxyHops: 0 });
    server = http.createServer((request, response) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      seen.push(requestMeta(new Request('http://alpha.localhost/', { headers })).ip);
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives the socket peer, whatever X-Forwarded-For, X-Real-IP or a forged stamp say', async () => {
    seen = [];
    for (const forged of ['203.0.113.1', '203.0.113.2', '198.51.100.77']) {
      await fetch(base, {
        headers: {
          'x-forwarded-for': forged,
          'x-real-ip': forged,
          'x-eventora-client-address': forged,
          'x-eventora-client-address-proof': 'ab'.repeat(24),
        },
      });
    }
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('a request the stamp did not see (or a forged proof) has no address at all', () => {
    const forged = new Headers({
      'x-eventora-client-address': '203.0.113.1',
      'x-eventora-client-address-proof': 'ab'.repeat(24),
      'x-forwarded-for': '203.0.113.1',
    });
    expect(stampedClientAddress(forged)).toBeNull();
    expect(requestMeta(new Request('http://alpha.localhost/', { headers: forged })).ip).toBeNull();
  });
});
