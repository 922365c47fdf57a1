import { z } from 'zod';

/*
 * The parts of a Bot API `Update` (https://core.telegram.org/bots/api#update) the adapter reads,
 * and only those required that it cannot do without: the webhook guide's own examples omit
 * `is_bot`, a chat's `type` and a file's `file_unique_id`, and a refused update is retried by
 * Telegram for hours. Unknown fields are allowed through: Telegram adds fields in every version.
 */

const user = z
  .object({
    is_bot: z.boolean().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
  })
  .passthrough();

const chat = z
  .object({
    id: z.number().int(),
    /** Absent in the guide's first example; a chat with a person has a positive id. */
    type: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
  })
  .passthrough();

const photoSize = z
  .object({
    file_id: z.string().min(1),
    file_size: z.number().int().optional(),
  })
  .passthrough();

const document = z
  .object({
    file_id: z.string().min(1),
    file_name: z.string().optional(),
    mime_type: z.string().optional(),
    file_size: z.number().int().optional(),
  })
  .passthrough();

const entity = z.object({ type: z.string(), offset: z.number().int() }).passthrough();

export const telegramMessageSchema = z
  .object({
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
