import type {
  Attachment,
  InboundKind,
  NormalizedInboundMessage,
  ParsedWebhook,
  PlatformStatusUpdate,
} from '@cxgenie/contracts';
import { assertShape, metaTimestampToIso } from '../meta/webhook-json';
import {
  type WhatsAppMessage,
  type WhatsAppMessagesValue,
  type WhatsAppStatus,
  whatsappMessagesValueSchema,
  whatsappWebhookSchema,
} from './whatsapp-webhook.schema';
import type { z } from 'zod';

export interface WhatsAppChannel {
  channelId: string;
  /** Changes for other numbers of the same WABA are not this channel's. */
  phoneNumberId: string;
  /** Where a media id can be looked up (`GET {graphApiBaseUrl}/{media-id}` with the token). */
  graphApiBaseUrl: string;
  /** Epoch ms the delivery arrived: the time of a message or status that carries none. */
  receivedAt: number;
}

const MEDIA_TYPES = {
  image: 'image',
  sticker: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
} as const satisfies Record<string, Attachment['type']>;

const STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/** Normalises a WhatsApp Cloud API webhook delivery. */
export function parseWhatsAppWebhook(
  webhook: z.output<typeof whatsappWebhookSchema>,
  channel: WhatsAppChannel,
): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [], ignored: 0 };
  webhook.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      // Template reviews, quality ratings, account updates…: understood, not acted on.
      if (change.field !== 'messages') {
        parsed.ignored += 1;
        return;
      }
      const at = ['entry', e, 'changes', c, 'value'];
      const value = assertShape(change.value, whatsappMessagesValueSchema, at);
      if (value.metadata.phone_number_id !== channel.phoneNumberId) {
        parsed.ignored += (value.messages?.length ?? 0) + (value.statuses?.length ?? 0);
        return;
      }
      collectValue(value, channel, parsed);
    });
  });
  return parsed;
}

function collectValue(
  value: WhatsAppMessagesValue,
  channel: WhatsAppChannel,
  parsed: ParsedWebhook,
): void {
  for (const message of value.messages ?? []) {
    const inbound = toInbound(message, value, channel);
    if (inbound) parsed.messages.push(inbound);
    else parsed.ignored += 1;
  }
  for (const status of value.statuses ?? []) {
    const update = toStatus(status, channel);
    if (update) parsed.statuses.push(update);
    else parsed.ignored += 1;
  }
  parsed.ignored += value.errors?.length ?? 0;
}

function toInbound(
  message: WhatsAppMessage,
  value: WhatsAppMessagesValue,
  channel: WhatsAppChannel,
): NormalizedInboundMessage | null {
  const content = contentOf(message, channel);
  if (!content) return null;
  const contact = value.contacts?.find((c) => c.wa_id === message.from) ?? value.contacts?.[0];
  return {
    platform: 'whatsapp',
    channelId: channel.channelId,
    platformMessageId: message.id,
    externalCustomerId: message.from,
    customerName: contact?.profile?.name?.trim() || null,
    sentAt: metaTimestampToIso(message.timestamp ?? channel.receivedAt),
    ...content,
  };
}

type Content = Pick<NormalizedInboundMessage, 'text' | 'attachments' | 'kind'>;

/** What the customer sent, or null for types we do not take in (reactions, orders, system…). */
function contentOf(message: WhatsAppMessage, channel: WhatsAppChannel): Content | null {
  const plain = (text: string, attachments: Attachment[] = [], kind: InboundKind = 'message') => ({
    text,
    attachments,
    kind,
  });
  switch (message.type) {
    case 'text':
      return message.text ? plain(message.text.body) : null;
    case 'image':
    case 'sticker':
    case 'video':
    case 'audio':
    case 'document': {
      const media = message[message.type];
      if (!media) return null;
      const attachment: Attachment = {
        type: MEDIA_TYPES[message.type],
        url: `${channel.graphApiBaseUrl}/${encodeURIComponent(media.id)}`,
        ...(media.filename ? { name: media.filename } : {}),
        ...(media.mime_type ? { mimeType: media.mime_type } : {}),
      };
      return plain(media.caption ?? '', [attachment]);
    }
    case 'location': {
      const place = message.location;
      if (!place) return null;
      const label = [place.name, place.address].filter(Boolean).join(', ');
      const url = `geo:${place.latitude},${place.longitude}`;
      return plain(label, [{ type: 'location', url, ...(label ? { name: label } : {}) }]);
    }
    case 'interactive': {
      const choice = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return choice ? plain(choice.title, [], 'quick_reply') : null;
    }
    case 'button':
      return message.button ? plain(message.button.text, [], 'quick_reply') : null;
    default:
      return null;
  }
}

function toStatus(status: WhatsAppStatus, channel: WhatsAppChannel): PlatformStatusUpdate | null {
  if (!STATUSES.has(status.status)) return null;
  return {
    platform: 'whatsapp',
    channelId: channel.channelId,
    platformMessageId: status.id,
    status: status.status as PlatformStatusUpdate['status'],
    reason: status.status === 'failed' ? failureReason(status) : null,
    at: metaTimestampToIso(status.timestamp ?? channel.receivedAt),
  };
}

function failureReason(status: WhatsAppStatus): string {
  const reasons = (status.errors ?? []).map((error) => {
    const title = error.title ?? error.message ?? 'delivery failed';
    const details = error.error_data?.details;
    const code = error.code === undefined ? '' : ` (code ${error.code})`;
    return `${title}${details && details !== title ? `: ${details}` : ''}${code}`;
  });
  return reasons.length > 0 ? reasons.join('; ') : 'delivery failed';
}
