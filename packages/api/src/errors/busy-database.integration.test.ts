import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { toTRPCError } from './to-trpc-error';

/*
 * A burst that outlasts a transaction's wait for a connection used to answer 500 "Internal
 * error." (seen in the 50-attempts-at-one-slot race on a starved CI machine): the caller could
 * not tell "try again" from a fault. It is now a typed, retryable SERVICE_UNAVAILABLE.
 */
describe('a database too busy to start a transaction', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
  });
  afterAll(() => kit?.close());

  it('answers SERVICE_UNAVAILABLE with a try-again message, not an internal error', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Occupy every connection the clinic's route may open (the kit's budget is 10).
    const holders = Array.from({ length: 10 }, () =>
      runWithClinic(alpha.clinic, () =>
        alpha.db.$transaction(() => held, { maxWait: 10_000, timeout: 20_000 }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const starved = await runWithClinic(alpha.clinic, () =>
      alpha.db.$transaction(async (tx) => tx.branch.count(), { maxWait: 100 }),
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    release();
    await Promise.all(holders);

    expect(starved).toMatchObject({ code: 'P2028' });
    const answer = toTRPCError(starved);
    expect(answer.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.message).toBe('The clinic is busy right now. Please try again in a moment.');
  });
});
