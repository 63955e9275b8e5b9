import type { TRPCError } from '@trpc/server';
import {
  markSpanFailed,
  newRequestId,
  recordApiCall,
  silentLogger,
  withSpan,
} from '@eventora/observability';

import { toTRPCError } from '../errors/to-trpc-error';
import type { RequestMeta } from '../context';
import type { ApiServices } from '../services';

/**
 * What the procedure ladder learns about one call while it runs (trpc.ts fills it in: the
 * clinic once bound, the user or operator once their session is valid). Ids only: the log line
 * and the spans never carry names or emails.
 */
export interface CallRecord {
  clinic?: { id: string; slug: string; mode: string };
  userId?: string;
  operatorId?: string;
}

type CallResult = { ok: true } | { ok: false; error: TRPCError };

/**
 * Runs one tRPC call in a span (`trpc <path>`) and, when it ends, writes its one log line and
 * its metrics: request id, clinic id/slug/mode, procedure, user id, duration, outcome and
 * error code. Server-side failures (internal, or an upstream such as Stripe unreachable) are
 * logged at error level with their cause (type, code, message, stack; never the input). Costs a clock read, a logger call and two counter updates when tracing is off.
 */
export async function observeCall<R extends CallResult>(
  {
    services,
    request,
    path,
    type,
  }: {
    services: ApiServices;
    request: RequestMeta;
    path: string;
    type: string;
  },
  run: (call: CallRecord) => Promise<R>,
): Promise<R> {
  const started = performance.now();
  const call: CallRecord = {};
  const result = await withSpan(
    `trpc ${path}`,
    { 'rpc.system': 'trpc', 'rpc.method': path },
    async () => {
      const outcome = await run(call);
      if (!outcome.ok) markSpanFailed(errorCode(outcome.error));
      return outcome;
    },
  );
  const durationMs = performance.now() - started;
  const code = result.ok ? undefined : errorCode(result.error);
  const line = {
    requestId: request.requestId ?? newRequestId(),
    procedure: path,
    type,
    clinicId: call.clinic?.id,
    clinicSlug: call.clinic?.slug,
    clinicMode: call.clinic?.mode,
    userId: call.userId,
    operatorId: call.operatorId,
    durationMs: Math.round(durationMs * 10) / 10,
    outcome: result.ok ? 'ok' : 'error',
    errorCode: code,
  };
  const logger = services.logger ?? silentLogger;
  if (code && SERVER_FAILURES.has(code)) {
    logger.error(
      { ...line, err: result.ok ? undefined : (result.error.cause ?? result.error) },
      'call failed',
    );
  } else {
    logger.info(line, 'call');
  }
  recordApiCall({
    procedure: path,
    clinicSlug: call.clinic?.slug,
    outcome: code ?? 'ok',
    seconds: durationMs / 1000,
  });
  return result;
}

/** Error codes that are our failure, not the caller's: logged with their cause. */
const SERVER_FAILURES = new Set([
  'INTERNAL_SERVER_ERROR',
  'BAD_GATEWAY',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
]);

/** The call's error code after the API's one error mapping (an internal error's cause mapped). */
function errorCode(error: TRPCError): string {
  return error.code === 'INTERNAL_SERVER_ERROR' && error.cause
    ? toTRPCError(error.cause).code
    : error.code;
}
