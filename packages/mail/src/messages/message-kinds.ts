import { z } from 'zod';

/** The languages messages are written in. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const zInstant = z.iso.datetime({ offset: true });
const zLink = z.url({ protocol: /^https?$/ });

/** What every booking message says about the session, on the branch's clock. */
export const ZBookingDetails = z.object({
  reservationId: z.uuid(),
  therapistName: z.string().min(1),
  branchName: z.string().min(1),
  branchAddress: z.string().nullable(),
  /** IANA zone of the branch: times are shown and the calendar file written in it. */
  timezone: z.string().min(1),
  startsAt: zInstant,
  endsAt: zInstant,
  /** Where the client sees their bookings. */
  manageUrl: zLink,
});

const ZLinkSecret = z.object({ link: zLink });

/**
 * Every message the platform sends: its data (what it says; stored in the outbox as is) and
 * its secrets (a link that grants access; cleared from the outbox once the message is done).
 */
export const MESSAGE_KINDS = {
  'booking.confirmed': { data: ZBookingDetails, secrets: z.undefined() },
  'booking.rescheduled': {
    data: ZBookingDetails.extend({ previousStartsAt: zInstant }),
    secrets: z.undefined(),
  },
  'booking.cancelled': {
    data: ZBookingDetails.extend({ creditReturned: z.boolean() }),
    secrets: z.undefined(),
  },
  'booking.reminder': {
    // The unsubscribe link only stops reminders, so it is not a secret.
    data: ZBookingDetails.extend({ unsubscribeUrl: zLink }),
    secrets: z.undefined(),
  },
  /**
   * A freed slot offered to the first client on the waitlist, held until `holdUntil`. The link
   * opens the client's bookings (signed in), so it grants nothing by itself.
   */
  'waitlist.offer': {
    data: ZBookingDetails.omit({ reservationId: true, manageUrl: true }).extend({
      holdUntil: zInstant,
      acceptUrl: zLink,
    }),
    secrets: z.undefined(),
  },
  'purchase.receipt': {
    data: z.object({
      packageName: z.string().min(1),
      sessions: z.int().positive(),
      amountCents: z.int().nonnegative(),
      currency: z.string().length(3),
      expiresAt: zInstant,
      reference: z.string().min(1),
      manageUrl: zLink,
    }),
    secrets: z.undefined(),
  },
  'package.expiring': {
    data: z.object({
      packageName: z.string().min(1),
      creditsLeft: z.int().positive(),
      expiresAt: zInstant,
      timezone: z.string().min(1),
      manageUrl: zLink,
    }),
    secrets: z.undefined(),
  },
  'password.reset': { data: z.object({ expiresAt: zInstant }), secrets: ZLinkSecret },
  'invitation.owner': {
    data: z.object({ expiresAt: zInstant }),
    secrets: ZLinkSecret,
  },
  'invitation.staff': {
    data: z.object({
      role: z.enum(['OWNER', 'STAFF', 'THERAPIST']),
      invitedBy: z.string().min(1),
      expiresAt: zInstant,
    }),
    secrets: ZLinkSecret,
  },
  'invitation.client': {
    data: z.object({ invitedBy: z.string().min(1), expiresAt: zInstant }),
    secrets: ZLinkSecret,
  },
  /** Sent to the new address when staff change a client's email: the change waits for it. */
  'email.confirm': { data: z.object({ expiresAt: zInstant }), secrets: ZLinkSecret },
  /**
   * To a closed clinic's owners: the download link of its final export (the link is the
   * credential: the portal is off). Delivered while the clinic is suspended (see
   * SENT_WHILE_SUSPENDED).
   */
  'clinic.final-export': {
    data: z.object({
      expiresAt: zInstant,
      /** When the clinic's data is deleted for good (the end of the grace period). */
      purgeAfter: zInstant,
      bytes: z.int().nonnegative(),
    }),
    secrets: ZLinkSecret,
  },
} as const satisfies Record<string, { data: z.ZodType; secrets: z.ZodType }>;

export type MessageKind = keyof typeof MESSAGE_KINDS;
export type MessageData<K extends MessageKind> = z.input<(typeof MESSAGE_KINDS)[K]['data']>;
export type MessageSecrets<K extends MessageKind> = z.input<(typeof MESSAGE_KINDS)[K]['secrets']>;

export function isMessageKind(kind: string): kind is MessageKind {
  return Object.hasOwn(MESSAGE_KINDS, kind);
}

/**
 * The only kinds delivered while a clinic is suspended (closed): the rest wait in the outbox
 * until it reopens, so a closed clinic sends no reminders or receipts.
 */
export const SENT_WHILE_SUSPENDED: readonly MessageKind[] = ['clinic.final-export'];
