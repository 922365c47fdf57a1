import { z } from 'zod';

/*
 * Viber REST bot API callbacks (https://developers.viber.com/docs/api/rest-bot-api/#callbacks).
 * `message_token` is a 64-bit integer on the wire; the adapter parses it as a string.
 */

const token = z.string().regex(/^\d+$/, 'must be an integer');
const timestamp = z.number().int().nonnegative();
/** The reference prints coordinates as numbers in callbacks and as strings in messages. */
const coordinate = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number),
]);

export const viberMessageEventSchema = z
  .object({
    event: z.literal('message'),
    timestamp,
    message_token: token,
    sender: z
      .object({ id: z.string().min(1), name: z.string().optional(), avatar: z.string().optional() })
      .passthrough(),
    message: z
      .object({
        type: z.string(),
        text: z.string().optional(),
        media: z.string().optional(),
        file_name: z.string().optional(),
        size: z.number().int().optional(),
        location: z.object({ lat: coordinate, lon: coordinate }).optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const viberReceiptEventSchema = z
  .object({
    event: z.enum(['delivered', 'seen', 'failed']),
    timestamp,
    message_token: token,
    user_id: z.string().optional(),
    desc: z.string().optional(),
  })
  .passthrough();

/** Events the bot is told about but does not act on: subscriptions, the webhook check, … */
export const viberOtherEventSchema = z
  .object({ event: z.string().min(1), timestamp: timestamp.optional() })
  .passthrough();

export const VIBER_RECEIPT_EVENTS: readonly unknown[] = ['delivered', 'seen', 'failed'];

export type ViberMessageEvent = z.infer<typeof viberMessageEventSchema>;
export type ViberReceiptEvent = z.infer<typeof viberReceiptEventSchema>;
