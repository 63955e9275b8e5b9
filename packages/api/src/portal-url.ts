/**
 * A clinic portal's address, for links in messages: `http://alpha.localhost:3000` on a
 * developer's machine, `https://alpha.<domain>` behind TLS in production.
 */
export function portalUrl(
  slug: string,
  { rootDomain, port }: { rootDomain: string; port: number },
): string {
  return rootDomain === 'localhost'
    ? `http://${slug}.localhost:${port}`
    : `https://${slug}.${rootDomain}`;
}
