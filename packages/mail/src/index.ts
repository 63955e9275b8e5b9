/**
 * @eventora/mail: what a clinic sends and how it gets there. Messages are written to the
 * clinic's outbox in the transaction of the change that causes them; the worker delivers them.
 */
export {
  isMessageKind,
  LOCALES,
  MESSAGE_KINDS,
  SENT_WHILE_SUSPENDED,
  ZBookingDetails,
  type Locale,
  type MessageData,
  type MessageKind,
  type MessageSecrets,
} from './messages/message-kinds';
export { writeMessage, type NewMessage, type OutboxWriter } from './outbox/write-message';
export {
  CLAIM_MS,
  deliverOutbox,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  type DeliverOptions,
  type DeliveryClinic,
  type DeliveryReport,
} from './delivery/deliver-outbox';
export {
  classifySendError,
  createSmtpSender,
  type Envelope,
  type MailSender,
  type SmtpSenderOptions,
} from './delivery/smtp-sender';
export {
  MessageShapeError,
  renderMessage,
  type RenderedMessage,
  type StoredMessage,
} from './templates/render-message';
export type { Branding } from './templates/components';
export { bookingCalendar } from './calendar/booking-calendar';
