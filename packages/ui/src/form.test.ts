import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ENGLISH_LABELS, type UiLabels } from './english-labels';
import { CLINIC_UPGRADING } from './error-message';
import { applyServerError, zodFormResolver } from './form';

const ZBranchInput = z.object({
  name: z.string().trim().min(1).max(80),
  capacity: z.number().int().min(1),
  email: z.email(),
  code: z.string().regex(/^[a-z]+$/, 'Lowercase letters only.'),
  hours: z.array(z.object({ opensAt: z.string() })),
});

type Values = z.input<typeof ZBranchInput>;
const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Values>;

async function messages(values: Record<string, unknown>, words?: UiLabels['validation']) {
  const { errors } = await zodFormResolver(ZBranchInput, words)(
    values as never,
    undefined,
    options,
  );
  return Object.fromEntries(
    Object.entries(errors).map(([name, error]) => [name, (error as { message?: string }).message]),
  );
}

function recorder() {
  const set: Record<string, string | undefined> = {};
  return {
    set,
    setError: (name: string, error: { message?: string }) => (set[name] = error.message),
  };
}

describe('useZodForm validation', () => {
  it('says what is wrong in words people read, and keeps a schema’s own message', async () => {
    expect(
      await messages({ name: '', capacity: 0, email: 'nope', code: 'ABC', hours: [] }),
    ).toEqual({
      name: 'Required.',
      capacity: 'At least 1.',
      email: 'Enter an email address.',
      code: 'Lowercase letters only.',
    });
    expect(
      await messages({
        name: 'x'.repeat(81),
        capacity: 'two',
        email: 'a@b.co',
        code: 'a',
        hours: [],
      }),
    ).toEqual({
      name: 'At most 80 characters.',
      capacity: 'Enter a number.',
    });
  });

  it('says it in the app’s words when given them (a portal in Spanish)', async () => {
    const spanish: UiLabels['validation'] = {
      ...ENGLISH_LABELS.validation,
      required: 'Obligatorio.',
      min: (minimum) => `Al menos ${minimum}.`,
      maxChars: (maximum) => `Como máximo ${maximum} caracteres.`,
      email: 'Escribe un correo electrónico.',
    };
    expect(
      await messages({ name: '', capacity: 0, email: 'nope', code: 'ABC', hours: [] }, spanish),
    ).toEqual({
      name: 'Obligatorio.',
      capacity: 'Al menos 1.',
      email: 'Escribe un correo electrónico.',
      code: 'Lowercase letters only.',
    });
    expect(
      (
        await messages(
          { name: 'x'.repeat(81), capacity: 1, email: 'a@b.co', code: 'a', hours: [] },
          spanish,
        )
      ).name,
    ).toBe('Como máximo 80 caracteres.');
  });

  it('submits the schema’s output (trimmed), not the raw input', async () => {
    const result = await zodFormResolver(ZBranchInput)(
      { name: '  Main  ', capacity: 2, email: 'a@b.co', code: 'a', hours: [] },
      undefined,
      options,
    );
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ name: 'Main' });
  });
});

describe('applyServerError', () => {
  it('puts the server’s field messages on their fields, nested paths on the nearest one', () => {
    const form = recorder();
    applyServerError(
      form as never,
      {
        message: 'Check the highlighted fields.',
        data: {
          fields: [
            { field: 'name', message: 'A branch with this name exists.' },
            { field: 'hours.0.opensAt', message: 'Opens before it closes.' },
          ],
        },
      },
      ['name', 'hours'],
    );
    expect(form.set).toEqual({
      name: 'A branch with this name exists.',
      hours: 'Opens before it closes.',
      'root.server': 'Check the highlighted fields.',
    });
  });

  it('shows a field message the form has no field for at the top, not silently', () => {
    const form = recorder();
    applyServerError(
      form as never,
      { message: 'Not saved.', data: { fields: [{ field: 'slug', message: 'Taken.' }] } },
      ['name'],
    );
    expect(form.set).toEqual({ 'root.server': 'Not saved. Taken.' });
  });

  it('never shows an internal error’s own message, nor the browser’s for a lost connection', () => {
    const internal = recorder();
    applyServerError(
      internal as never,
      { message: 'relation "users" does not exist', data: { code: 'INTERNAL_SERVER_ERROR' } },
      ['name'],
    );
    expect(internal.set).toEqual({
      'root.server': 'The server failed. Please try again in a moment.',
    });
    const offline = recorder();
    applyServerError(offline as never, new TypeError('Failed to fetch'), ['name']);
    expect(offline.set).toEqual({
      'root.server': 'The server does not answer. Please try again.',
    });
  });

  it('says the clinic is being upgraded when a move froze it', () => {
    const form = recorder();
    applyServerError(
      form as never,
      { message: 'Clinic is frozen', data: { code: 'CONFLICT', reason: 'CLINIC_FROZEN' } },
      ['name'],
    );
    expect(form.set).toEqual({ 'root.server': CLINIC_UPGRADING });
  });
});
