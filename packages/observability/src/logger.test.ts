import { describe, expect, it } from 'vitest';

import { captureLogs } from './testing';
import { createLogger } from './logger';
import { Writable } from 'node:stream';

function logInto(extra?: string[]) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({
    service: 'web',
    env: { LOG_LEVEL: 'info', LOG_FORMAT: 'json', LOG_REDACT: extra, NODE_ENV: 'production' },
    destination,
  });
  return { logger, text: () => chunks.join('') };
}

describe('logger', () => {
  it('writes one JSON object per line with the service, an ISO time and the level by name', () => {
    const { logger, lines } = captureLogs('worker');
    logger.info({ jobId: 'j1' }, 'job');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', service: 'worker', jobId: 'j1', msg: 'job' }),
    ]);
    expect(String(lines()[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts secrets and personal data at the top level and one object down', () => {
    const { logger, text } = logInto();
    logger.info(
      {
        password: 'hunter2-hunter2',
        token: 'tok_abcdef',
        user: { id: 'u1', email: 'mara@example.test', name: 'Mara Quintero' },
        headers: { cookie: 'eventora_session=s3cr3t', authorization: 'Bearer b34r3r' },
        input: { newPassword: 'n3w-passphrase' },
      },
      'careless',
    );
    const line = text();
    for (const secret of [
      'hunter2',
      'tok_abcdef',
      'mara@example.test',
      'Mara',
      's3cr3t',
      'b34r3r',
      'n3w-passphrase',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ user: { id: 'u1', email: '[redacted]' } });
  });

  it('redacts the extra paths a deployment configures (LOG_REDACT)', () => {
    const { logger, text } = logInto(['patient.iban', 'card']);
    logger.info({ patient: { iban: 'ES9121000418450200051332' }, card: '4242424242424242' }, 'x');
    expect(text()).not.toMatch(/ES912100|424242/);
  });

  it('logs an error as type, code, message and stack, without the row values a database error quotes', () => {
    const { logger, text } = logInto();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (clinic_id, email)=(…, mara@example.test) already exists.',
    });
    logger.error({ err: error }, 'call failed');
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'Error', code: '23505' });
    expect(text()).not.toContain('mara@example.test');
  });
});
