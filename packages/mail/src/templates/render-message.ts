import type { z } from 'zod';

import { bookingCalendar } from '../calendar/booking-calendar';
import type { ZBookingDetails } from '../messages/message-kinds';
import {
  isMessageKind,
  MESSAGE_KINDS,
  type Locale,
  type MessageKind,
} from '../messages/message-kinds';
import {
  Button,
  Details,
  Heading,
  Layout,
  Paragraph,
  SmallLink,
  type Branding,
} from './components';
import { COPY, formatDay, formatMoney, formatSize, formatWhen, languageTag } from './copy';
import { html, type SafeHtml } from './html';

/** A message ready for SMTP. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** A calendar invitation (booking messages). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** For the List-Unsubscribe header (reminders). */
  unsubscribeUrl?: string;
}

/** A stored message whose kind or data no template accepts: it can never be sent as is. */
export class MessageShapeError extends Error {
  override name = 'MessageShapeError';
}

export interface StoredMessage {
  id: string;
  kind: string;
  toName: string;
  locale: string;
  data: unknown;
  secrets: unknown;
  createdAt: Date;
}

/**
 * Renders one outbox message in its reader's language with the clinic's branding: a subject,
 * a plain-text body and an HTML body saying the same, and for booking messages a calendar file.
 * The stored data is checked against its kind's schema first (rows outlive code versions).
 */
export function renderMessage(message: StoredMessage, branding: Branding): RenderedMessage {
  if (!isMessageKind(message.kind)) throw new MessageShapeError(`Unknown kind ${message.kind}.`);
  const kind = message.kind;
  const schema = MESSAGE_KINDS[kind];
  const data = schema.data.safeParse(message.data);
  const secrets = schema.secrets.safeParse(message.secrets ?? undefined);
  if (!data.success || !secrets.success) {
    throw new MessageShapeError(`A ${kind} message does not match its schema.`);
  }
  const locale: Locale = message.locale === 'es' ? 'es' : 'en';
  return renderKind(kind, data.data as never, secrets.data as never, {
    locale,
    branding,
    toName: message.toName,
    sequence: Math.floor(message.createdAt.getTime() / 1000),
  });
}

interface RenderContext {
  locale: Locale;
  branding: Branding;
  toName: string;
  sequence: number;
}

type Data<K extends MessageKind> = z.output<(typeof MESSAGE_KINDS)[K]['data']>;
type Secrets<K extends MessageKind> = z.output<(typeof MESSAGE_KINDS)[K]['secrets']>;

/** One block of a message, written once for both bodies. */
type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'details'; rows: [string, string][] }
  | { type: 'button'; href: string; label: string };

function compose(
  context: RenderContext,
  subject: string,
  blocks: Block[],
  extras: { footerLink?: { href: string; label: string } } = {},
): Pick<RenderedMessage, 'subject' | 'text' | 'html'> {
  const copy = COPY[context.locale];
  const clinic = context.branding.clinicName;
  const all: Block[] = [{ type: 'paragraph', text: copy.greeting(context.toName) }, ...blocks];
  const text = [
    clinic,
    '',
    ...all.flatMap((block) => {
      switch (block.type) {
        case 'heading':
          return [block.text, ''];
        case 'paragraph':
          return [block.text, ''];
        case 'details':
          return [...block.rows.map(([label, value]) => `${label}: ${value}`), ''];
        case 'button':
          return [`${block.label}: ${block.href}`, ''];
      }
    }),
    '--',
    copy.footer(clinic),
    ...(extras.footerLink ? [`${extras.footerLink.label}: ${extras.footerLink.href}`] : []),
  ].join('\n');
  const body: SafeHtml[] = all.map((block) => {
    switch (block.type) {
      case 'heading':
        return Heading(block);
      case 'paragraph':
        return Paragraph(block);
      case 'details':
        return Details(block);
      case 'button':
        return Button({ ...block, branding: context.branding });
    }
  });
  const footer = html`${copy.footer(clinic)}${extras.footerLink ? html`<br />${SmallLink(extras.footerLink)}` : ''}`;
  return {
    subject,
    text,
    html: Layout({
      branding: context.branding,
      lang: languageTag(context.locale),
      title: subject,
      body: html`${body}`,
      footer,
    }).value,
  };
}

type BookingDetails = z.output<typeof ZBookingDetails>;

function bookingRows(details: BookingDetails, context: RenderContext): [string, string][] {
  const copy = COPY[context.locale];
  return [
    [copy.when, formatWhen(details.startsAt, details.timezone, context.locale)],
    [copy.therapist, details.therapistName],
    [copy.where, [details.branchName, details.branchAddress].filter(Boolean).join(', ')],
  ];
}

function calendarFor(details: BookingDetails, context: RenderContext, cancelled: boolean) {
  return bookingCalendar({
    ...details,
    clinicName: context.branding.clinicName,
    locale: context.locale,
    sequence: context.sequence,
    cancelled,
  });
}

function renderKind<K extends MessageKind>(
  kind: K,
  data: Data<K>,
  secrets: Secrets<K>,
  context: RenderContext,
): RenderedMessage {
  const copy = COPY[context.locale];
  const clinic = context.branding.clinicName;
  switch (kind) {
    case 'booking.confirmed': {
      const details = data as Data<'booking.confirmed'>;
      return {
        ...compose(context, copy.confirmed.subject(clinic), [
          { type: 'heading', text: copy.confirmed.heading },
          { type: 'details', rows: bookingRows(details, context) },
          { type: 'paragraph', text: `${copy.confirmed.body} ${copy.calendarNote}` },
          { type: 'button', href: details.manageUrl, label: copy.viewBookings },
        ]),
        calendar: calendarFor(details, context, false),
      };
    }
    case 'booking.rescheduled': {
      const details = data as Data<'booking.rescheduled'>;
      return {
        ...compose(context, copy.rescheduled.subject(clinic), [
          { type: 'heading', text: copy.rescheduled.heading },
          {
            type: 'details',
            rows: [
              ...bookingRows(details, context),
              [
                copy.previously,
                formatWhen(details.previousStartsAt, details.timezone, context.locale),
              ],
            ],
          },
          { type: 'paragraph', text: copy.rescheduled.body },
          { type: 'button', href: details.manageUrl, label: copy.viewBookings },
        ]),
        calendar: calendarFor(details, context, false),
      };
    }
    case 'booking.cancelled': {
      const details = data as Data<'booking.cancelled'>;
      return {
        ...compose(context, copy.cancelled.subject(clinic), [
          { type: 'heading', text: copy.cancelled.heading },
          { type: 'details', rows: bookingRows(details, context) },
          {
            type: 'paragraph',
            text: details.creditReturned
              ? copy.cancelled.creditReturned
              : copy.cancelled.creditKept,
          },
          { type: 'button', href: details.manageUrl, label: copy.viewBookings },
        ]),
        calendar: calendarFor(details, context, true),
      };
    }
    case 'booking.reminder': {
      const details = data as Data<'booking.reminder'>;
      const unsubscribe = { href: details.unsubscribeUrl, label: copy.reminder.unsubscribe };
      return {
        ...compose(
          context,
          copy.reminder.subject(clinic),
          [
            { type: 'heading', text: copy.reminder.heading },
            { type: 'paragraph', text: copy.reminder.body },
            { type: 'details', rows: bookingRows(details, context) },
            { type: 'button', href: details.manageUrl, label: copy.viewBookings },
          ],
          { footerLink: unsubscribe },
        ),
        unsubscribeUrl: details.unsubscribeUrl,
      };
    }
    case 'waitlist.offer': {
      const offer = data as Data<'waitlist.offer'>;
      const until = formatWhen(offer.holdUntil, offer.timezone, context.locale);
      return compose(context, copy.waitlistOffer.subject(clinic), [
        { type: 'heading', text: copy.waitlistOffer.heading },
        {
          type: 'details',
          rows: [
            [copy.when, formatWhen(offer.startsAt, offer.timezone, context.locale)],
            [copy.therapist, offer.therapistName],
            [copy.where, [offer.branchName, offer.branchAddress].filter(Boolean).join(', ')],
          ],
        },
        { type: 'paragraph', text: copy.waitlistOffer.body(until) },
        { type: 'button', href: offer.acceptUrl, label: copy.waitlistOffer.button },
      ]);
    }
    case 'purchase.receipt': {
      const receipt = data as Data<'purchase.receipt'>;
      return compose(context, copy.receipt.subject(clinic), [
        { type: 'heading', text: copy.receipt.heading },
        {
          type: 'details',
          rows: [
            [copy.receipt.package, receipt.packageName],
            [copy.receipt.sessions, String(receipt.sessions)],
            [
              copy.receipt.amount,
              formatMoney(receipt.amountCents, receipt.currency, context.locale),
            ],
            [copy.receipt.validUntil, formatDay(receipt.expiresAt, 'UTC', context.locale)],
            [copy.receipt.reference, receipt.reference],
          ],
        },
        { type: 'button', href: receipt.manageUrl, label: copy.viewBookings },
      ]);
    }
    case 'package.expiring': {
      const expiring = data as Data<'package.expiring'>;
      const day = formatDay(expiring.expiresAt, expiring.timezone, context.locale);
      return compose(context, copy.expiring.subject(clinic), [
        { type: 'heading', text: copy.expiring.heading },
        { type: 'paragraph', text: copy.expiring.body(expiring.creditsLeft, day) },
        { type: 'button', href: expiring.manageUrl, label: copy.expiring.book },
      ]);
    }
    case 'password.reset':
    case 'invitation.owner': {
      const { expiresAt } = data as Data<'password.reset'>;
      const { link } = secrets as Secrets<'password.reset'>;
      const words = kind === 'password.reset' ? copy.reset : copy.ownerInvitation;
      return compose(context, words.subject(clinic), [
        { type: 'heading', text: words.heading },
        { type: 'paragraph', text: words.body },
        { type: 'button', href: link, label: words.button },
        {
          type: 'paragraph',
          text: words.expires(formatWhen(expiresAt, 'UTC', context.locale) + ' UTC'),
        },
      ]);
    }
    case 'invitation.staff': {
      const invitation = data as Data<'invitation.staff'>;
      const { link } = secrets as Secrets<'invitation.staff'>;
      const words = copy.staffInvitation;
      return compose(context, words.subject(clinic), [
        { type: 'heading', text: words.heading },
        { type: 'paragraph', text: words.body(invitation.invitedBy, words.roles[invitation.role]) },
        { type: 'button', href: link, label: words.button },
        {
          type: 'paragraph',
          text: words.expires(formatWhen(invitation.expiresAt, 'UTC', context.locale) + ' UTC'),
        },
      ]);
    }
    case 'invitation.client':
    case 'email.confirm': {
      const { expiresAt } = data as Data<'email.confirm'>;
      const { link } = secrets as Secrets<'email.confirm'>;
      const body =
        kind === 'invitation.client'
          ? copy.clientInvitation.body((data as Data<'invitation.client'>).invitedBy)
          : copy.emailConfirmation.body;
      const words = kind === 'invitation.client' ? copy.clientInvitation : copy.emailConfirmation;
      return compose(context, words.subject(clinic), [
        { type: 'heading', text: words.heading },
        { type: 'paragraph', text: body },
        { type: 'button', href: link, label: words.button },
        {
          type: 'paragraph',
          text: words.expires(formatWhen(expiresAt, 'UTC', context.locale) + ' UTC'),
        },
      ]);
    }
    case 'clinic.final-export': {
      const handover = data as Data<'clinic.final-export'>;
      const { link } = secrets as Secrets<'clinic.final-export'>;
      const words = copy.finalExport;
      const at = (instant: string) => formatWhen(instant, 'UTC', context.locale) + ' UTC';
      return compose(context, words.subject(clinic), [
        { type: 'heading', text: words.heading },
        { type: 'paragraph', text: words.body(formatSize(handover.bytes, context.locale)) },
        { type: 'button', href: link, label: words.button },
        { type: 'paragraph', text: words.expires(at(handover.expiresAt), at(handover.purgeAfter)) },
      ]);
    }
  }
  throw new MessageShapeError(`No template for ${kind as string}.`);
}
