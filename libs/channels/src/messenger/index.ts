export { MessengerAdapter, MESSENGER_TEXT_LIMIT } from './messenger.adapter';
export { messengerSettingsSchema, MESSENGER_CHANNEL_SCHEMAS } from './messenger.schemas';
export type { MessengerSettings } from './messenger.schemas';
