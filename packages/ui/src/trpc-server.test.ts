import { describe, expect, it } from 'vitest';

import { requestFromHeaders } from './trpc-server';

describe('requestFromHeaders', () => {
  it('rebuilds the request on the host the browser asked for, with its cookie', () => {
    const request = requestFromHeaders(
      new Headers({ host: 'serenity.localhost:3000', cookie: 'session=abc' }),
    );
    expect(new URL(request.url).host).toBe('serenity.localhost:3000');
    expect(request.headers.get('cookie')).toBe('session=abc');
  });

  it('falls back to localhost when the request carried no host', () => {
    expect(new URL(requestFromHeaders(new Headers()).url).host).toBe('localhost');
  });
});
