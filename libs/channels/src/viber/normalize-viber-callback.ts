import type {
  Attachment,
  NormalizedInboundMessage,
  ParsedWebhook,
  PlatformStatusUpdate,
} from '@cxgenie/contracts';
import type { ViberMessageEvent, ViberReceiptEvent } from './viber-event.schema';

const RECEIPT_STATUS = { delivered: 'delivered', seen: 'read', failed: 'failed' } as const;

export function normalizeViberMessage(event: ViberMessageEvent, channelId: string): ParsedWebhook {
  const content = contentOf(event.message);
  if (!content) return { messages: [], statuses: [], ignored: 1 };
  const message: NormalizedInboundMessage = {
    platform: 'viber',
    channelId,
    platformMessageId: event.message_token,
    externalCustomerId: event.sender.id,
    customerName: event.sender.name?.trim() || null,
    text: content.text,
    attachments: content.attachments,
    sentAt: new Date(event.timestamp).toISOString(),
    kind: 'message',
  };
  return { messages: [message], statuses: [], ignored: 0 };
}

export function normalizeViberReceipt(event: ViberReceiptEvent, channelId: string): ParsedWebhook {
  const status: PlatformStatusUpdate = {
    platform: 'viber',
    channelId,
    platformMessageId: event.message_token,
    status: RECEIPT_STATUS[event.event],
    reason: event.event === 'failed' ? (event.desc ?? 'failed') : null,
    at: new Date(event.timestamp).toISOString(),
  };
  return { messages: [], statuses: [status], ignored: 0 };
}

interface Content {
  text: string;
  attachments: Attachment[];
}

/** Text, pictures, videos, files, links and locations; stickers and contacts are ignored. */
function contentOf(message: ViberMessageEvent['message']): Content | null {
  const text = message.text ?? '';
  switch (message.type) {
    case 'text':
      return text.trim() ? { text, attachments: [] } : null;
    case 'url':
      return message.media ? { text: text || message.media, attachments: [] } : null;
    case 'picture':
    case 'video':
    case 'file': {
      if (!message.media) return null;
      const type = message.type === 'picture' ? 'image' : message.type;
      return {
        text,
        attachments: [
          {
            type,
            url: message.media,
            ...(message.file_name !== undefined && { name: message.file_name }),
            ...(message.size !== undefined && { sizeBytes: message.size }),
          },
        ],
      };
    }
    case 'location':
      return message.location
        ? {
            text,
            attachments: [
              { type: 'location', url: `geo:${message.location.lat},${message.location.lon}` },
            ],
          }
        : null;
    default:
      return null;
  }
}
