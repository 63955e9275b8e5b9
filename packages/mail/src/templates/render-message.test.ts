import { describe, expect, it } from 'vitest';

import { MessageShapeError, renderMessage, type StoredMessage } from './render-message';

const branding = { clinicName: 'Clínica Sol', brandColor: '#aa3300' };
const booking = {
  reservationId: '0190a0e0-0000-7000-8000-000000000001',
  therapistName: 'Tomás <b>Ruiz</b>',
  branchName: 'Centro',
  branchAddress: 'Calle Mayor 1',
  timezone: 'Europe/Madrid',
  startsAt: '2026-06-02T08:00:00.000Z',
  endsAt: '2026-06-02T09:00:00.000Z',
  manageUrl: 'http://sol.localhost:3000/bookings',
};
const message = (
  kind: string,
  data: unknown,
  extra: Partial<StoredMessage> = {},
): StoredMessage => ({
  id: '0190a0e0-0000-7000-8000-0000000000aa',
  kind,
  toName: 'Ana <script>',
  locale: 'en',
  data,
  secrets: null,
  createdAt: new Date('2026-06-01T10:00:00Z'),
  ...extra,
});

describe('message templates', () => {
  it('a confirmation says when on the branch clock, in plain text and HTML, with a calendar invitation', () => {
    const rendered = renderMessage(message('booking.confirmed', booking), branding);
    expect(rendered.subject).toBe('Your booking at Clínica Sol is confirmed');
    expect(rendered.text).toContain('When: Tuesday, June 2, 2026 at 10:00');
    expect(rendered.text).toContain('With: Tomás <b>Ruiz</b>');
    expect(rendered.text).toContain('View your bookings: http://sol.localhost:3000/bookings');
    expect(rendered.html).toContain('Tuesday, June 2, 2026 at 10:00');
    expect(rendered.calendar?.method).toBe('REQUEST');
    expect(rendered.calendar?.content).toContain('DTSTART:20260602T080000Z');
    expect(rendered.calendar?.content).toContain('DTEND:20260602T090000Z');
    expect(rendered.calendar?.content).toContain(`UID:${booking.reservationId}@eventora`);
    expect(rendered.calendar?.content).toContain('(Europe/Madrid)');
  });

  it("escapes every name in the HTML and wears the clinic's colour", () => {
    const rendered = renderMessage(message('booking.confirmed', booking), branding);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).not.toContain('<b>Ruiz</b>');
    expect(rendered.html).toContain('Tomás &lt;b&gt;Ruiz&lt;/b&gt;');
    expect(rendered.html).toContain('Hello Ana &lt;script&gt;,');
    expect(rendered.html).toContain('border-top:6px solid #aa3300');
    const unsafe = renderMessage(message('booking.confirmed', booking), {
      clinicName: 'X',
      brandColor: 'red;background:url(x)',
    });
    expect(unsafe.html).not.toContain('url(x)');
  });

  it('writes Spanish for a Spanish reader', () => {
    const rendered = renderMessage(
      message('booking.cancelled', { ...booking, creditReturned: true }, { locale: 'es' }),
      branding,
    );
    expect(rendered.subject).toBe('Tu reserva en Clínica Sol está cancelada');
    expect(rendered.text).toContain('Hola, Ana <script>:');
    expect(rendered.text).toContain('Cuándo: martes, 2 de junio de 2026, 10:00');
    expect(rendered.text).toContain('El crédito de la sesión vuelve a tu paquete.');
    expect(rendered.html).toContain('lang="es-MX"');
    expect(rendered.calendar?.method).toBe('CANCEL');
    expect(rendered.calendar?.content).toContain('STATUS:CANCELLED');
  });

  it('a reminder carries its unsubscribe link in both bodies and for the List-Unsubscribe header', () => {
    const unsubscribeUrl = 'http://sol.localhost:3000/unsubscribe?token=abc';
    const rendered = renderMessage(
      message('booking.reminder', { ...booking, unsubscribeUrl }),
      branding,
    );
    expect(rendered.unsubscribeUrl).toBe(unsubscribeUrl);
    expect(rendered.text).toContain(`Stop these reminders: ${unsubscribeUrl}`);
    expect(rendered.html).toContain(`href="${unsubscribeUrl}"`);
    expect(rendered.calendar).toBeUndefined();
  });

  it('every kind renders in both languages', () => {
    const samples: [string, unknown, unknown][] = [
      ['booking.rescheduled', { ...booking, previousStartsAt: '2026-06-01T08:00:00.000Z' }, null],
      [
        'purchase.receipt',
        {
          packageName: 'Five',
          sessions: 5,
          amountCents: 250000,
          currency: 'mxn',
          expiresAt: '2026-09-01T00:00:00.000Z',
          reference: 'cs_1',
          manageUrl: booking.manageUrl,
        },
        null,
      ],
      [
        'package.expiring',
        {
          packageName: 'Five',
          creditsLeft: 2,
          expiresAt: '2026-06-08T00:00:00.000Z',
          timezone: 'Europe/Madrid',
          manageUrl: booking.manageUrl,
        },
        null,
      ],
      [
        'password.reset',
        { expiresAt: '2026-06-01T11:00:00.000Z' },
        { link: 'http://sol.localhost:3000/reset-password?token=t' },
      ],
      [
        'invitation.owner',
        { expiresAt: '2026-06-01T11:00:00.000Z' },
        { link: 'http://sol.localhost:3000/reset-password?token=o' },
      ],
      [
        'invitation.staff',
        { role: 'THERAPIST', invitedBy: 'Olga', expiresAt: '2026-06-01T11:00:00.000Z' },
        { link: 'http://sol.localhost:3000/reset-password?token=s' },
      ],
      [
        'invitation.client',
        { invitedBy: 'Sergio', expiresAt: '2026-06-01T11:00:00.000Z' },
        { link: 'http://sol.localhost:3000/accept-invitation?token=c' },
      ],
      [
        'email.confirm',
        { expiresAt: '2026-06-01T11:00:00.000Z' },
        { link: 'http://sol.localhost:3000/confirm-email?token=e' },
      ],
    ];
    for (const [kind, data, secrets] of samples) {
      for (const locale of ['en', 'es']) {
        const rendered = renderMessage(message(kind, data, { locale, secrets }), branding);
        expect(rendered.subject).toContain('Clínica Sol');
        expect(rendered.text.length).toBeGreaterThan(50);
        expect(rendered.html).toContain('<!doctype html>');
        const link = (secrets as { link?: string } | null)?.link;
        if (link) {
          expect(rendered.text).toContain(link);
          expect(rendered.html).toContain(link);
        }
      }
    }
    expect(
      renderMessage(message('purchase.receipt', samples[1]![1], { locale: 'es' }), branding).text,
    ).toContain('$2,500.00');
    expect(
      renderMessage(
        message('invitation.staff', samples[5]![1], { secrets: samples[5]![2] }),
        branding,
      ).text,
    ).toContain('Olga invited you to join the team as a therapist.');
  });

  it('a waitlist offer says which time, until when it is held and links to book it, in English and Spanish', () => {
    const { reservationId: _id, manageUrl: _url, ...slot } = booking;
    const offer = {
      ...slot,
      holdUntil: '2026-06-01T10:30:00.000Z',
      acceptUrl: 'http://sol.localhost:3000/bookings?offer=0190a0e0-0000-7000-8000-000000000009',
    };
    const en = renderMessage(message('waitlist.offer', offer), branding);
    expect(en.subject).toBe('A time opened up at Clínica Sol');
    expect(en.text).toContain('When: Tuesday, June 2, 2026 at 10:00');
    expect(en.text).toContain('held for you until Monday, June 1, 2026 at 12:30');
    expect(en.text).toContain(`Book this time: ${offer.acceptUrl}`);
    expect(en.calendar).toBeUndefined();
    const es = renderMessage(message('waitlist.offer', offer, { locale: 'es' }), branding);
    expect(es.subject).toBe('Se liberó una hora en Clínica Sol');
    expect(es.text).toContain('Cuándo: martes, 2 de junio de 2026, 10:00');
    expect(es.text).toContain(`Reservar esta hora: ${offer.acceptUrl}`);
  });

  it('a stored message that fits no template is refused as a MessageShapeError', () => {
    expect(() => renderMessage(message('booking.unknown', booking), branding)).toThrow(
      MessageShapeError,
    );
    expect(() =>
      renderMessage(message('booking.confirmed', { ...booking, startsAt: 'soon' }), branding),
    ).toThrow(MessageShapeError);
    expect(() =>
      renderMessage(message('password.reset', { expiresAt: booking.startsAt }), branding),
    ).toThrow(MessageShapeError);
  });

  it('the final-export message gives the owner the download link, its expiry and the purge date, in English and Spanish', () => {
    const data = {
      expiresAt: '2026-06-08T10:00:00.000Z',
      purgeAfter: '2026-07-01T10:00:00.000Z',
      bytes: 12_400_000,
    };
    const secrets = { link: 'http://console.localhost:3001/final-export/sol/abc' };
    const en = renderMessage(message('clinic.final-export', data, { secrets }), branding);
    expect(en.subject).toBe("Clínica Sol: download your clinic's data");
    expect(en.text).toContain('(12.4 MB, a signed archive');
    expect(en.text).toContain(`Download the export: ${secrets.link}`);
    expect(en.text).toContain('The link works until Monday, June 8, 2026 at 10:00 AM UTC');
    expect(en.text).toContain('deleted for good after Wednesday, July 1, 2026');
    expect(en.html).toContain(`href="${secrets.link}"`);
    const es = renderMessage(
      message('clinic.final-export', data, { secrets, locale: 'es' }),
      branding,
    );
    expect(es.subject).toBe('Clínica Sol: descarga los datos de tu clínica');
    expect(es.text).toContain('Descargar la exportación: ' + secrets.link);
    // Without its link it can never be sent.
    expect(() => renderMessage(message('clinic.final-export', data), branding)).toThrow(
      MessageShapeError,
    );
  });
});
