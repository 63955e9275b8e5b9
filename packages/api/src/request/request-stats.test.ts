import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import type { PlatformClient } from '@eventora/auth';

import { AppError } from '../errors/app-error';
import { callOutcome, MAX_PENDING_KEYS, RequestStatsRecorder } from './request-stats';

const CLINIC_A = '0190f5c2-0000-7000-8000-00000000000a';
const CLINIC_B = '0190f5c2-0000-7000-8000-00000000000b';

function fakePlatform(execute: (sql: string, ...params: unknown[]) => Promise<number>) {
  return { $executeRawUnsafe: vi.fn(execute) } as unknown as PlatformClient & {
    $executeRawUnsafe: ReturnType<typeof vi.fn>;
  };
}

describe('the request stats recorder', () => {
  it('adds up calls per day, clinic and kind, and writes them in one upsert', async () => {
    const platform = fakePlatform(async () => 1);
    const recorder = new RequestStatsRecorder(platform, () => new Date('2026-11-27T03:00:00Z'));
    recorder.record(CLINIC_A, 'query', 'ok', 3);
    recorder.record(CLINIC_A, 'query', 'error', 40);
    recorder.record(CLINIC_A, 'mutation', 'server_error', 20_000);
    recorder.record(CLINIC_B, 'query', 'ok', 4.5);
    expect(recorder.pendingRows).toBe(3);
    expect(platform.$executeRawUnsafe).not.toHaveBeenCalled();

    await recorder.flush();
    expect(platform.$executeRawUnsafe).toHaveBeenCalledTimes(1);
    const [sql, ...params] = platform.$executeRawUnsafe.mock.calls[0]!;
    expect(sql).toMatch(/ON CONFLICT \("day", "target_clinic_id", "procedure_kind"\) DO UPDATE/);
    // Latency buckets: ≤5 ms, ≤10, ≤25, ≤50, …, ≤10 s, slower (latency-histogram.ts).
    expect(params).toEqual([
      ...['2026-11-27', CLINIC_A, 'query', 2, 1, 0, '{1,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0}'],
      ...['2026-11-27', CLINIC_A, 'mutation', 1, 1, 1, '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1}'],
      ...['2026-11-27', CLINIC_B, 'query', 1, 0, 0, '{1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}'],
    ]);
    expect(recorder.pendingRows).toBe(0);
    await recorder.flush();
    expect(platform.$executeRawUnsafe).toHaveBeenCalledTimes(1);
  });

  it('keeps the counts when the database is away, says so once, and stays bounded', async () => {
    let up = false;
    const platform = fakePlatform(async () => {
      if (!up) throw new Error('connection refused');
      return 1;
    });
    const log = vi.fn();
    const recorder = new RequestStatsRecorder(
      platform,
      () => new Date('2026-11-27T03:00:00Z'),
      log,
    );
    recorder.record(CLINIC_A, 'query', 'ok', 7);
    await recorder.flush();
    recorder.record(CLINIC_A, 'query', 'ok', 8);
    await recorder.flush();
    expect(log).toHaveBeenCalledTimes(1);
    expect(recorder.pendingRows).toBe(1);

    up = true;
    await recorder.flush();
    const params = platform.$executeRawUnsafe.mock.calls.at(-1)!.slice(1);
    expect(params).toEqual([
      ...['2026-11-27', CLINIC_A, 'query', 2, 0, 0],
      '{0,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}',
    ]);

    // Many clinics at once: flushed early, never more than the bound waiting.
    up = false;
    for (let index = 0; index < MAX_PENDING_KEYS * 3; index += 1) {
      recorder.record(
        `0190f5c2-0000-7000-8000-${String(index).padStart(12, '0')}`,
        'query',
        'ok',
        1,
      );
    }
    expect(recorder.pendingRows).toBe(MAX_PENDING_KEYS);
    expect(recorder.dropped).toBe(MAX_PENDING_KEYS * 2);
    up = true;
    await recorder.flush();
    expect(recorder.pendingRows).toBe(0);
  });

  it('classifies calls after the API’s error mapping', () => {
    expect(callOutcome({ ok: true })).toBe('ok');
    expect(callOutcome({ ok: false, error: new TRPCError({ code: 'UNAUTHORIZED' }) })).toBe(
      'error',
    );
    // Domain errors arrive wrapped as INTERNAL_SERVER_ERROR before mapErrors maps them.
    const wrapped = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      cause: new AppError('NOT_FOUND', 'Reservation not found.'),
    });
    expect(callOutcome({ ok: false, error: wrapped })).toBe('error');
    const crash = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('boom') });
    expect(callOutcome({ ok: false, error: crash })).toBe('server_error');
  });
});
