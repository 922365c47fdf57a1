import { z } from 'zod';

/*
 * The parts of a Bot API `Update` (https://core.telegram.org/bots/api#update) the adapter reads.
 * Unknown fields are allowed through: Telegram adds fields in every Bot API version.
 */

const user = z
  .object({
    id: z.number().int(),
    is_bot: z.boolean(),
    first_name: z.string(),
    last_name: z.string().optional(),
    username: z.string().optional(),
  })
  .passthrough();

const chat = z
  .object({
    id: z.number().int(),
    type: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
  })
  .passthrough();

const photoSize = z
  .object({
    file_id: z.string().min(1),
    file_unique_id: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    file_size: z.number().int().optional(),
  })
  .passthrough();

const document = z
  .object({
    file_id: z.string().min(1),
    file_unique_id: z.string(),
    file_name: z.string().optional(),
    mime_type: z.string().optional(),
    file_size: z.number().int().optional(),
  })
  .passthrough();

const entity = z
  .object({ type: z.string(), offset: z.number().int(), length: z.number().int() })
  .passthrough();

export const telegramMessageSchema = z
  .object({
    message_id: z.number().int(),
    date: z.number().int(),
    chat,
    from: user.optional(),
    edit_date: z.number().int().optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    entities: z.array(entity).optional(),
    photo: z.array(photoSize).min(1).optional(),
    document: document.optional(),
  })
  .passthrough();

export const telegramUpdateSchema = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: telegramMessageSchema.optional(),
    edited_message: telegramMessageSchema.optional(),
  })
  .passthrough();

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;
