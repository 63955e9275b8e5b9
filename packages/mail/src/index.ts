/**
 * @eventora/mail: what a clinic sends and how it gets there. Messages are written to the
 * clinic's outbox in the transaction of the change that causes them; the worker delivers them.
 */
export {
  isMessageKind,
  LOCALES,
  MESSAGE_KINDS,
  ZBookingDetails,
  type Locale,
  type MessageData,
  type MessageKind,
  type MessageSecrets,
} from './messages/message-kinds';
export { writeMessage, type NewMessage, type OutboxWriter } from './outbox/write-message';
