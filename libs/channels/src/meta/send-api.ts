import {
  type Attachment,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  RetryableDeliveryError,
  type SendResult,
} from '@cxgenie/contracts';
import { z } from 'zod';
import { sendParts } from '../shared/send-parts';
import type { GraphApiClient } from './graph-api.client';
import { type TextMeasure, splitText } from '../shared/split-text';

export interface SendApiTarget {
  /** `{page-id}/messages` or `me/messages`. */
  path: string;
  accessToken: string;
  textLimit: number;
  measure: TextMeasure;
}

const sendApiResponse = z.object({ message_id: z.string().min(1) }).passthrough();

// Send API attachment types; a location cannot be sent, so it goes out as a link in the text.
const SENDABLE: ReadonlySet<Attachment['type']> = new Set(['image', 'video', 'audio', 'file']);

/**
 * Delivers one outbound message through the Messenger Platform Send API (Messenger and
 * Instagram): the text split over the platform's limit, then one message per attachment. A retry
 * resumes after the parts an earlier attempt delivered (`deliveredParts`).
 */
export async function sendViaSendApi(
  graph: GraphApiClient,
  message: OutboundChannelMessage,
  target: SendApiTarget,
): Promise<SendResult> {
  const links = message.attachments.filter((a) => !SENDABLE.has(a.type)).map((a) => a.url);
  const text = [message.text, ...links].filter((part) => part.trim() !== '').join('\n');
  const payloads: object[] = [
    ...splitText(text, target.textLimit, target.measure).map((part) => ({ text: part })),
    ...message.attachments
      .filter((a) => SENDABLE.has(a.type))
      .map((a) => ({ attachment: { type: a.type, payload: { url: a.url, is_reusable: false } } })),
  ];
  if (payloads.length === 0) {
    throw new PermanentDeliveryError('message has neither text nor attachments to send');
  }
  return sendParts(payloads, message.deliveredParts ?? 0, async (payload) => {
    const body = {
      recipient: { id: message.externalCustomerId },
      messaging_type: 'RESPONSE',
      message: payload,
    };
    const answer = sendApiResponse.safeParse(
      await graph.post(target.path, body, target.accessToken),
    );
    if (!answer.success) throw new RetryableDeliveryError('Send API answered without a message_id');
    return answer.data.message_id;
  });
}
