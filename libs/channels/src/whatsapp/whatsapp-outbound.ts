import {
  type Attachment,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  RetryableDeliveryError,
  type SendResult,
} from '@cxgenie/contracts';
import { z } from 'zod';
import type { GraphApiClient } from '../meta/graph-api.client';
import { sendParts } from '../shared/send-parts';
import { splitText, utf16Length } from '../shared/split-text';
import { isServiceWindowOpen } from './customer-service-window';

/** The Cloud API refuses a text `body` over 4096 characters. */
export const WHATSAPP_TEXT_LIMIT = 4096;

export interface WhatsAppSendTarget {
  phoneNumberId: string;
  accessToken: string;
  templateName: string | undefined;
  templateLanguage: string | undefined;
  now: number;
}

const messagesResponse = z
  .object({ messages: z.array(z.object({ id: z.string().min(1) }).passthrough()).min(1) })
  .passthrough();

const MEDIA_KINDS: Partial<Record<Attachment['type'], string>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
};

/**
 * Sends through `POST /{phone-number-id}/messages`. Inside the customer-service window the text
 * (split over 4096) and attachments go out as they are; outside it WhatsApp only accepts an
 * approved template, so the channel's template is sent instead and the text is not.
 */
export async function sendWhatsAppMessage(
  graph: GraphApiClient,
  message: OutboundChannelMessage,
  target: WhatsAppSendTarget,
): Promise<SendResult> {
  const payloads = isServiceWindowOpen(message.lastCustomerMessageAt, target.now)
    ? freeFormPayloads(message)
    : [templatePayload(target)];
  if (payloads.length === 0) {
    throw new PermanentDeliveryError('message has neither text nor attachments to send');
  }
  const path = `${encodeURIComponent(target.phoneNumberId)}/messages`;
  return sendParts(payloads, message.deliveredParts ?? 0, async (payload) => {
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.externalCustomerId,
      ...payload,
    };
    const answer = messagesResponse.safeParse(await graph.post(path, body, target.accessToken));
    if (!answer.success)
      throw new RetryableDeliveryError('Cloud API answered without a message id');
    return answer.data.messages[0].id;
  });
}

function templatePayload(target: WhatsAppSendTarget): object {
  if (!target.templateName || !target.templateLanguage) {
    throw new PermanentDeliveryError('outside the 24-hour window and no template configured');
  }
  return {
    type: 'template',
    template: { name: target.templateName, language: { code: target.templateLanguage } },
  };
}

function freeFormPayloads(message: OutboundChannelMessage): object[] {
  const media = message.attachments.filter((a) => MEDIA_KINDS[a.type] !== undefined);
  // A location attachment is a geo: link, not coordinates we can trust to send: keep it as text.
  const links = message.attachments.filter((a) => MEDIA_KINDS[a.type] === undefined);
  const text = [message.text, ...links.map((a) => a.url)]
    .filter((part) => part.trim() !== '')
    .join('\n');
  return [
    ...splitText(text, WHATSAPP_TEXT_LIMIT, utf16Length).map((body) => ({
      type: 'text',
      text: { preview_url: false, body },
    })),
    ...media.map((attachment) => mediaPayload(attachment)),
  ];
}

function mediaPayload(attachment: Attachment): object {
  const kind = MEDIA_KINDS[attachment.type] as string;
  const filename = kind === 'document' && attachment.name ? { filename: attachment.name } : {};
  return { type: kind, [kind]: { link: attachment.url, ...filename } };
}
