import { type MetaAdapterOptions } from '../meta/meta-adapter-options';
import { MetaMessagingAdapter } from '../meta/meta-messaging.adapter';
import { utf16Length } from '../shared/split-text';
import { type MessengerSettings, messengerSettingsSchema } from './messenger.schemas';

/** Messenger's Send API refuses `message.text` longer than 2000 characters. */
export const MESSENGER_TEXT_LIMIT = 2000;

/** Facebook Messenger through the Messenger Platform: Page webhooks in, Send API out. */
export class MessengerAdapter extends MetaMessagingAdapter<MessengerSettings> {
  constructor(options: MetaAdapterOptions = {}) {
    super(
      {
        platform: 'messenger',
        webhookObject: 'page',
        settingsSchema: messengerSettingsSchema,
        accountIdOf: (settings) => settings.pageId,
        sendPathOf: (settings) => `${encodeURIComponent(settings.pageId)}/messages`,
        textLimit: MESSENGER_TEXT_LIMIT,
        measure: utf16Length,
      },
      options,
    );
  }
}
