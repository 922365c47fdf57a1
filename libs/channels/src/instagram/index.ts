export { InstagramAdapter, INSTAGRAM_TEXT_LIMIT_BYTES } from './instagram.adapter';
export { instagramSettingsSchema, INSTAGRAM_CHANNEL_SCHEMAS } from './instagram.schemas';
export type { InstagramSettings } from './instagram.schemas';
