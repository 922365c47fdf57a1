import { z } from 'zod';
import { metaTimestamp } from './webhook-json';

/**
 * The `entry[].messaging[]` webhook format Messenger and Instagram share. Only what we read is
 * declared; everything else Meta adds (referral, nlp, reply_to…) passes through untouched.
 */
// The checkbox plugin's opt-ins and Chat Plugin guests name the sender by `user_ref` only.
const participant = z.object({ id: z.string().min(1).optional() }).passthrough();

const attachment = z
  .object({
    type: z.string().min(1),
    // Legacy location attachments carry their title here rather than in the payload.
    title: z.string().optional(),
    payload: z
      .object({
        url: z.string().optional(),
        title: z.string().optional(),
        coordinates: z.object({ lat: z.number(), long: z.number() }).optional(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const message = z
  .object({
    mid: z.string().min(1),
    text: z.string().optional(),
    is_echo: z.boolean().optional(),
    is_deleted: z.boolean().optional(),
    is_unsupported: z.boolean().optional(),
    quick_reply: z.object({ payload: z.string() }).passthrough().optional(),
    attachments: z.array(attachment).optional(),
  })
  .passthrough();

const postback = z
  .object({
    mid: z.string().optional(),
    title: z.string().optional(),
    payload: z.string().optional(),
  })
  .passthrough();

export const messagingEventSchema = z
  .object({
    sender: participant,
    recipient: participant.optional(),
    timestamp: metaTimestamp.optional(),
    message: message.optional(),
    postback: postback.optional(),
    delivery: z
      .object({ mids: z.array(z.string()).optional(), watermark: metaTimestamp })
      .passthrough()
      .optional(),
    read: z
      .object({ mid: z.string().optional(), watermark: metaTimestamp.optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type MessagingEvent = z.output<typeof messagingEventSchema>;
export type MessagingAttachment = z.output<typeof attachment>;

export const messagingWebhookSchema = (object: 'page' | 'instagram') =>
  z.object({
    object: z.literal(object, {
      errorMap: () => ({ message: `expected object "${object}"` }),
    }),
    entry: z.array(
      z
        .object({
          id: z.string().min(1),
          time: metaTimestamp.optional(),
          messaging: z.array(messagingEventSchema).optional(),
          // Handover-protocol standby events and Instagram `changes` (comments…) are not ours.
          standby: z.array(z.unknown()).optional(),
          changes: z.array(z.unknown()).optional(),
        })
        .passthrough(),
    ),
  });

export type MessagingWebhook = z.output<ReturnType<typeof messagingWebhookSchema>>;
