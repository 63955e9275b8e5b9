import { NextResponse, type NextRequest } from 'next/server';

/**
 * Tells server components which page was asked for (`x-portal-path`), so a page behind
 * sign-in can send people back to it afterwards. Nothing else: the clinic comes from the host.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-portal-path', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|icon.svg|favicon.ico).*)'],
};
