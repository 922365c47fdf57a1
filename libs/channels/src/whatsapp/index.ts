export { WhatsAppAdapter } from './whatsapp.adapter';
export type { WhatsAppAdapterOptions } from './whatsapp.adapter';
export {
  whatsappSettingsSchema,
  whatsappCredentialsSchema,
  WHATSAPP_CHANNEL_SCHEMAS,
} from './whatsapp.schemas';
export type { WhatsAppSettings, WhatsAppCredentials } from './whatsapp.schemas';
export { WHATSAPP_TEXT_LIMIT } from './whatsapp-outbound';
export { CUSTOMER_SERVICE_WINDOW_MS, isServiceWindowOpen } from './customer-service-window';
