import { describe, expect, it } from 'vitest';

import { CLINIC_UPGRADING, errorMessage } from './error-message';

describe('errorMessage', () => {
  it('shows the API’s own message for a refusal meant for the user', () => {
    const error = Object.assign(new Error('That time was just taken.'), {
      data: { code: 'CONFLICT' },
    });
    expect(errorMessage(error)).toBe('That time was just taken.');
  });

  it('never shows an internal error’s own text', () => {
    const error = Object.assign(new Error('relation "reservation" does not exist'), {
      data: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(errorMessage(error)).toBe('The server failed. Please try again in a moment.');
  });

  it('says the clinic is being upgraded while a move freezes it', () => {
    expect(errorMessage({ message: 'frozen', data: { reason: 'CLINIC_FROZEN' } })).toBe(
      CLINIC_UPGRADING,
    );
  });

  it('says the server does not answer when the request never arrived', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      'The server does not answer. Please try again.',
    );
    expect(errorMessage(undefined)).toBe('Something went wrong. Please try again.');
  });

  it('words failures in the sentences it is given (the portal’s language)', () => {
    const words = {
      clinicUpgrading: 'Actualizando.',
      serverFailed: 'El servidor falló.',
      noAnswer: 'El servidor no responde.',
      generic: 'Algo salió mal.',
    };
    expect(errorMessage({ message: 'x', data: { code: 'INTERNAL_SERVER_ERROR' } }, words)).toBe(
      'El servidor falló.',
    );
    expect(errorMessage(new TypeError('Failed to fetch'), words)).toBe('El servidor no responde.');
    expect(errorMessage({ message: 'f', data: { reason: 'CLINIC_FROZEN' } }, words)).toBe(
      'Actualizando.',
    );
    expect(errorMessage(undefined, words)).toBe('Algo salió mal.');
  });
});
