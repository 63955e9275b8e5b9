import type { Locale } from '../messages/message-kinds';

/** The language tag a stored code is written in: `es` is Mexican Spanish, as in the portal. */
export function languageTag(locale: Locale): 'en' | 'es-MX' {
  return locale === 'es' ? 'es-MX' : 'en';
}

/** A session's start on the branch's clock, in the reader's language: "Tuesday, 2 June 2026 at 10:00". */
export function formatWhen(instant: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(languageTag(locale), {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(instant));
}

export function formatDay(instant: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(languageTag(locale), { timeZone, dateStyle: 'long' }).format(
    new Date(instant),
  );
}

/** A file's size in the reader's language: "12.4 MB". */
export function formatSize(bytes: number, locale: Locale): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(languageTag(locale), {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

/** Every sentence the messages use, per language. */
export const COPY = {
  en: {
    greeting: (name: string) => `Hello ${name},`,
    when: 'When',
    therapist: 'With',
    where: 'Where',
    previously: 'Previously',
    viewBookings: 'View your bookings',
    footer: (clinic: string) => `You get this message because you have an account at ${clinic}.`,
    calendarNote: 'The calendar file attached adds it to your calendar.',
    confirmed: {
      subject: (clinic: string) => `Your booking at ${clinic} is confirmed`,
      heading: 'Your session is booked',
      body: 'See you then. If your plans change, you can cancel or move it from your account.',
    },
    rescheduled: {
      subject: (clinic: string) => `Your booking at ${clinic} has moved`,
      heading: 'Your session has a new time',
      body: 'The calendar file attached replaces the earlier one.',
    },
    cancelled: {
      subject: (clinic: string) => `Your booking at ${clinic} is cancelled`,
      heading: 'Your session is cancelled',
      creditReturned: 'The session credit is back in your package.',
      creditKept: 'It was cancelled inside the cancellation window, so the credit stays used.',
    },
    reminder: {
      subject: (clinic: string) => `Reminder: your session at ${clinic}`,
      heading: 'Your session is coming up',
      body: 'A reminder of your next session.',
      unsubscribe: 'Stop these reminders',
    },
    waitlistOffer: {
      subject: (clinic: string) => `A time opened up at ${clinic}`,
      heading: 'A time opened up for you',
      body: (until: string) =>
        `You are first on the waitlist. The time is held for you until ${until}; after that it goes to the next person waiting.`,
      button: 'Book this time',
    },
    receipt: {
      subject: (clinic: string) => `Your receipt from ${clinic}`,
      heading: 'Thank you for your purchase',
      package: 'Package',
      sessions: 'Sessions',
      amount: 'Paid',
      validUntil: 'Valid until',
      reference: 'Reference',
    },
    expiring: {
      subject: (clinic: string) => `Your sessions at ${clinic} expire soon`,
      heading: 'Your package expires soon',
      body: (credits: number, day: string) =>
        `You have ${credits} session${credits === 1 ? '' : 's'} left, valid until ${day}. Book them before they expire.`,
      book: 'Book a session',
    },
    reset: {
      subject: (clinic: string) => `Reset your password at ${clinic}`,
      heading: 'Reset your password',
      body: 'Someone asked to reset the password of your account. If it was you, choose a new one:',
      button: 'Choose a new password',
      expires: (at: string) =>
        `The link works once, until ${at}. If you did not ask, ignore this message.`,
    },
    ownerInvitation: {
      subject: (clinic: string) => `${clinic} is ready for you`,
      heading: 'Your clinic is ready',
      body: 'You are the owner of this clinic on Eventora. Choose your password to sign in:',
      button: 'Set your password',
      expires: (at: string) => `The link works once, until ${at}.`,
    },
    staffInvitation: {
      subject: (clinic: string) => `You are invited to ${clinic}`,
      heading: 'You are invited',
      body: (invitedBy: string, role: string) =>
        `${invitedBy} invited you to join the team as ${role}. Choose your password to sign in:`,
      button: 'Accept the invitation',
      expires: (at: string) => `The link works once, until ${at}.`,
      roles: { OWNER: 'an owner', STAFF: 'staff', THERAPIST: 'a therapist' },
    },
    clientInvitation: {
      subject: (clinic: string) => `Your account at ${clinic}`,
      heading: 'Book and manage your sessions online',
      body: (invitedBy: string) =>
        `${invitedBy} opened an account for you. Choose your password to see your bookings and book online:`,
      button: 'Choose your password',
      expires: (at: string) => `The link works once, until ${at}.`,
    },
    finalExport: {
      subject: (clinic: string) => `${clinic}: download your clinic's data`,
      heading: 'Your clinic’s data, ready to download',
      body: (size: string) =>
        `Your clinic’s account is closed. Its final export (${size}, a signed archive with one file per table) is ready for you:`,
      button: 'Download the export',
      expires: (at: string, purge: string) =>
        `The link works until ${at}; anyone who has it can download the file, so do not forward it. The clinic’s data is deleted for good after ${purge}.`,
    },
    emailConfirmation: {
      subject: (clinic: string) => `Confirm your email for ${clinic}`,
      heading: 'Confirm your email address',
      body: 'The clinic changed the email of your account to this address. Confirm it to finish:',
      button: 'Confirm this address',
      expires: (at: string) =>
        `The link works once, until ${at}. If you do not know this clinic, ignore this message.`,
    },
  },
  es: {
    greeting: (name: string) => `Hola, ${name}:`,
    when: 'Cuándo',
    therapist: 'Con',
    where: 'Dónde',
    previously: 'Antes',
    viewBookings: 'Ver tus reservas',
    footer: (clinic: string) => `Recibes este mensaje porque tienes una cuenta en ${clinic}.`,
    calendarNote: 'El archivo de calendario adjunto la agrega a tu calendario.',
    confirmed: {
      subject: (clinic: string) => `Tu reserva en ${clinic} está confirmada`,
      heading: 'Tu sesión está reservada',
      body: 'Te esperamos. Si cambian tus planes, puedes cancelarla o moverla desde tu cuenta.',
    },
    rescheduled: {
      subject: (clinic: string) => `Tu reserva en ${clinic} ha cambiado`,
      heading: 'Tu sesión tiene una nueva hora',
      body: 'El archivo de calendario adjunto reemplaza al anterior.',
    },
    cancelled: {
      subject: (clinic: string) => `Tu reserva en ${clinic} está cancelada`,
      heading: 'Tu sesión está cancelada',
      creditReturned: 'El crédito de la sesión vuelve a tu paquete.',
      creditKept: 'Se canceló dentro del plazo de cancelación, así que el crédito queda usado.',
    },
    reminder: {
      subject: (clinic: string) => `Recordatorio: tu sesión en ${clinic}`,
      heading: 'Tu sesión se acerca',
      body: 'Un recordatorio de tu próxima sesión.',
      unsubscribe: 'No quiero más recordatorios',
    },
    waitlistOffer: {
      subject: (clinic: string) => `Se liberó una hora en ${clinic}`,
      heading: 'Se liberó una hora para ti',
      body: (until: string) =>
        `Eres la primera persona en la lista de espera. La hora queda reservada para ti hasta el ${until}; después pasa a la siguiente persona.`,
      button: 'Reservar esta hora',
    },
    receipt: {
      subject: (clinic: string) => `Tu recibo de ${clinic}`,
      heading: 'Gracias por tu compra',
      package: 'Paquete',
      sessions: 'Sesiones',
      amount: 'Pagado',
      validUntil: 'Válido hasta',
      reference: 'Referencia',
    },
    expiring: {
      subject: (clinic: string) => `Tus sesiones en ${clinic} vencen pronto`,
      heading: 'Tu paquete vence pronto',
      body: (credits: number, day: string) =>
        `Te ${credits === 1 ? 'queda' : 'quedan'} ${credits} ${credits === 1 ? 'sesión' : 'sesiones'}, válidas hasta el ${day}. Resérvalas antes de que venzan.`,
      book: 'Reservar una sesión',
    },
    reset: {
      subject: (clinic: string) => `Restablece tu contraseña en ${clinic}`,
      heading: 'Restablece tu contraseña',
      body: 'Alguien pidió restablecer la contraseña de tu cuenta. Si fuiste tú, elige una nueva:',
      button: 'Elegir una contraseña nueva',
      expires: (at: string) =>
        `El enlace sirve una vez, hasta el ${at}. Si no lo pediste, ignora este mensaje.`,
    },
    ownerInvitation: {
      subject: (clinic: string) => `${clinic} está lista para ti`,
      heading: 'Tu clínica está lista',
      body: 'Eres la persona titular de esta clínica en Eventora. Elige tu contraseña para entrar:',
      button: 'Elegir tu contraseña',
      expires: (at: string) => `El enlace sirve una vez, hasta el ${at}.`,
    },
    staffInvitation: {
      subject: (clinic: string) => `Te invitan a ${clinic}`,
      heading: 'Tienes una invitación',
      body: (invitedBy: string, role: string) =>
        `${invitedBy} te invita a unirte al equipo como ${role}. Elige tu contraseña para entrar:`,
      button: 'Aceptar la invitación',
      expires: (at: string) => `El enlace sirve una vez, hasta el ${at}.`,
      roles: { OWNER: 'titular', STAFF: 'personal', THERAPIST: 'terapeuta' },
    },
    clientInvitation: {
      subject: (clinic: string) => `Tu cuenta en ${clinic}`,
      heading: 'Reserva y administra tus sesiones en línea',
      body: (invitedBy: string) =>
        `${invitedBy} te abrió una cuenta. Elige tu contraseña para ver tus reservas y reservar en línea:`,
      button: 'Elegir tu contraseña',
      expires: (at: string) => `El enlace sirve una vez, hasta el ${at}.`,
    },
    finalExport: {
      subject: (clinic: string) => `${clinic}: descarga los datos de tu clínica`,
      heading: 'Los datos de tu clínica, listos para descargar',
      body: (size: string) =>
        `La cuenta de tu clínica está cerrada. Su exportación final (${size}, un archivo firmado con un fichero por tabla) está lista para ti:`,
      button: 'Descargar la exportación',
      expires: (at: string, purge: string) =>
        `El enlace funciona hasta el ${at}; cualquiera que lo tenga puede descargar el archivo, así que no lo reenvíes. Los datos de la clínica se borran definitivamente después del ${purge}.`,
    },
    emailConfirmation: {
      subject: (clinic: string) => `Confirma tu correo para ${clinic}`,
      heading: 'Confirma tu dirección de correo',
      body: 'La clínica cambió el correo de tu cuenta a esta dirección. Confírmala para terminar:',
      button: 'Confirmar esta dirección',
      expires: (at: string) =>
        `El enlace sirve una vez, hasta el ${at}. Si no conoces esta clínica, ignora este mensaje.`,
    },
  },
} as const satisfies Record<Locale, unknown>;
