import { type MetaAdapterOptions } from '../meta/meta-adapter-options';
import { MetaMessagingAdapter } from '../meta/meta-messaging.adapter';
import { utf8Bytes } from '../shared/split-text';
import { type InstagramSettings, instagramSettingsSchema } from './instagram.schemas';

/** Instagram refuses `message.text` over 1000 bytes of UTF-8 (not characters). */
export const INSTAGRAM_TEXT_LIMIT_BYTES = 1000;

/**
 * Instagram Direct through the Messenger Platform: `object: instagram` webhooks in, Send API out.
 * Sends go to `me/messages`, which the Page token resolves to the Page linked to the account.
 */
export class InstagramAdapter extends MetaMessagingAdapter<InstagramSettings> {
  constructor(options: MetaAdapterOptions = {}) {
    super(
      {
        platform: 'instagram',
        webhookObject: 'instagram',
        settingsSchema: instagramSettingsSchema,
        accountIdOf: (settings) => settings.igUserId,
        sendPathOf: () => 'me/messages',
        textLimit: INSTAGRAM_TEXT_LIMIT_BYTES,
        measure: utf8Bytes,
      },
      options,
    );
  }
}
