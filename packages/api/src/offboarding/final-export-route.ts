import { Readable } from 'node:stream';

import { stampedClientAddress } from '../request/client-address-stamp';
import type { ApiServices } from '../services';
import { openFinalExport } from './final-export';

const PRIVATE = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
};

/**
 * The console's public `GET /final-export/<slug>/<token>` (no operator session: the link is the
 * credential). 404 with the same body for every refusal, so nothing tells an unknown token from
 * an expired, revoked or another clinic's one; the archive's bytes otherwise, as an attachment.
 */
export async function finalExportResponse(
  services: ApiServices,
  request: Request,
  params: { slug: string; token: string },
): Promise<Response> {
  let download;
  try {
    download = await openFinalExport(services, {
      slug: params.slug,
      token: params.token,
      ip: stampedClientAddress(request.headers),
    });
  } catch (error) {
    services.logger?.error({ err: error, slug: params.slug }, 'final export download failed');
    return new Response('The download is unavailable; try again later.\n', {
      status: 503,
      headers: { ...PRIVATE, 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' },
    });
  }
  if (!download) {
    return new Response('Not found.\n', {
      status: 404,
      headers: { ...PRIVATE, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(Readable.toWeb(download.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      ...PRIVATE,
      'content-type': 'application/x-tar',
      'content-length': String(download.bytes),
      'content-disposition': `attachment; filename="${download.filename}"`,
    },
  });
}
