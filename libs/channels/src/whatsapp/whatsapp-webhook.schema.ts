import { z } from 'zod';
import { metaTimestamp } from '../meta/webhook-json';

/**
 * WhatsApp Cloud API webhooks: `entry[].changes[]`, where a change with `field: "messages"` holds
 * inbound messages and status callbacks. Only what we read is declared, and only what we cannot do
 * without is required; the rest passes through.
 */

/** A time we can do without: the documentation's examples print "TIMESTAMP". */
const optionalTimestamp = metaTimestamp.optional().catch(undefined);
export const whatsappWebhookSchema = z.object({
  object: z.literal('whatsapp_business_account', {
    errorMap: () => ({ message: 'expected object "whatsapp_business_account"' }),
  }),
  entry: z.array(
    z
      .object({
        id: z.string().min(1),
        changes: z.array(z.object({ field: z.string().min(1), value: z.unknown() }).passthrough()),
      })
      .passthrough(),
  ),
});

const media = z
  .object({
    id: z.string().min(1),
    mime_type: z.string().optional(),
    caption: z.string().optional(),
    filename: z.string().optional(),
  })
  .passthrough();

const reply = z.object({ id: z.string(), title: z.string() }).passthrough();

export const whatsappMessageSchema = z
  .object({
    from: z.string().min(1),
    id: z.string().min(1),
    timestamp: optionalTimestamp,
    type: z.string().optional(),
    text: z.object({ body: z.string() }).passthrough().optional(),
    image: media.optional(),
    video: media.optional(),
    audio: media.optional(),
    document: media.optional(),
    sticker: media.optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .passthrough()
      .optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: reply.optional(),
        list_reply: reply.optional(),
      })
      .passthrough()
      .optional(),
    button: z.object({ text: z.string(), payload: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type WhatsAppMessage = z.output<typeof whatsappMessageSchema>;

export const whatsappStatusSchema = z
  .object({
    id: z.string().min(1),
    status: z.string().min(1),
    timestamp: optionalTimestamp,
    recipient_id: z.string().optional(),
    errors: z
      .array(
        z
          .object({
            code: z.number().optional(),
            title: z.string().optional(),
            message: z.string().optional(),
            error_data: z.object({ details: z.string().optional() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type WhatsAppStatus = z.output<typeof whatsappStatusSchema>;

export const whatsappMessagesValueSchema = z
  .object({
    messaging_product: z.string().optional(),
    metadata: z.object({ phone_number_id: z.string().min(1) }).passthrough(),
    contacts: z
      .array(
        z
          .object({
            wa_id: z.string().optional(),
            profile: z.object({ name: z.string().optional() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
    messages: z.array(whatsappMessageSchema).optional(),
    statuses: z.array(whatsappStatusSchema).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .passthrough();
export type WhatsAppMessagesValue = z.output<typeof whatsappMessagesValueSchema>;
