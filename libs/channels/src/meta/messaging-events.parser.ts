import type {
  Attachment,
  NormalizedInboundMessage,
  ParsedWebhook,
  PlatformStatusUpdate,
} from '@cxgenie/contracts';
import type {
  MessagingAttachment,
  MessagingEvent,
  MessagingWebhook,
} from './messaging-events.schema';
import { metaTimestampToIso } from './webhook-json';

export interface MessagingChannel {
  platform: 'messenger' | 'instagram';
  channelId: string;
  /** The Page id (Messenger) or Instagram account id this channel is: other entries are not ours. */
  accountId: string;
}

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  reel: 'video',
  ig_reel: 'video',
  audio: 'audio',
  file: 'file',
};

/** Normalises a Messenger or Instagram `entry[].messaging[]` delivery. */
export function parseMessagingWebhook(
  webhook: MessagingWebhook,
  channel: MessagingChannel,
): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [], ignored: 0 };
  for (const entry of webhook.entry) {
    const events = entry.messaging ?? [];
    const foreign = (entry.standby?.length ?? 0) + (entry.changes?.length ?? 0);
    // One Meta app can serve several Pages: an entry for another account is not this channel's.
    if (entry.id !== channel.accountId) {
      parsed.ignored += events.length + foreign;
      continue;
    }
    parsed.ignored += foreign;
    const fallbackTime = entry.time;
    for (const event of events) collectEvent(event, fallbackTime, channel, parsed);
  }
  return parsed;
}

type CustomerEvent = MessagingEvent & { sender: { id: string } };

/** Without a PSID/IGSID there is no customer to answer: a `user_ref` is not one. */
const fromCustomer = (event: MessagingEvent): event is CustomerEvent => Boolean(event.sender.id);

function collectEvent(
  event: MessagingEvent,
  fallbackTime: number | undefined,
  channel: MessagingChannel,
  parsed: ParsedWebhook,
): void {
  const time = event.timestamp ?? fallbackTime ?? Date.now();
  if (!fromCustomer(event)) {
    parsed.ignored += 1;
    return;
  }
  const inbound = event.message
    ? fromMessage(event, time, channel)
    : event.postback
      ? fromPostback(event, time, channel)
      : null;
  if (inbound) {
    parsed.messages.push(inbound);
    return;
  }
  const statuses = receipts(event, time, channel);
  if (statuses.length > 0) parsed.statuses.push(...statuses);
  else parsed.ignored += 1;
}

function fromMessage(
  event: CustomerEvent,
  time: number,
  channel: MessagingChannel,
): NormalizedInboundMessage | null {
  const message = event.message;
  // Echoes are our own sends coming back; deleted/unsupported messages carry nothing to answer.
  if (!message || message.is_echo || message.is_deleted || message.is_unsupported) return null;
  const text = message.text ?? '';
  const attachments = (message.attachments ?? [])
    .map(toAttachment)
    .filter((a): a is Attachment => a !== null);
  if (text.trim() === '' && attachments.length === 0) return null;
  return {
    ...base(event, time, channel),
    platformMessageId: message.mid,
    text,
    attachments,
    kind: message.quick_reply ? 'quick_reply' : 'message',
  };
}

function fromPostback(
  event: CustomerEvent,
  time: number,
  channel: MessagingChannel,
): NormalizedInboundMessage | null {
  const postback = event.postback;
  if (!postback) return null;
  return {
    ...base(event, time, channel),
    // Older API versions send postbacks without a mid; sender + time is stable across retries.
    platformMessageId: postback.mid ?? `postback:${event.sender.id}:${time}`,
    text: postback.title ?? postback.payload ?? '',
    attachments: [],
    kind: 'postback',
  };
}

function base(event: CustomerEvent, time: number, channel: MessagingChannel) {
  return {
    platform: channel.platform,
    channelId: channel.channelId,
    externalCustomerId: event.sender.id,
    customerName: null,
    sentAt: metaTimestampToIso(time),
  };
}

/**
 * Delivery receipts name our messages by mid. Receipts that only carry a watermark ("everything
 * before this instant") cannot be tied to one message id, so they are counted as ignored.
 */
function receipts(
  event: MessagingEvent,
  time: number,
  channel: MessagingChannel,
): PlatformStatusUpdate[] {
  const status = (platformMessageId: string, kind: 'delivered' | 'read', at: number) => ({
    platform: channel.platform,
    channelId: channel.channelId,
    platformMessageId,
    status: kind,
    reason: null,
    at: metaTimestampToIso(at),
  });
  if (event.delivery) {
    const at = event.delivery.watermark;
    return (event.delivery.mids ?? []).map((mid) => status(mid, 'delivered', at));
  }
  if (event.read?.mid) return [status(event.read.mid, 'read', event.timestamp ?? time)];
  return [];
}

function toAttachment(attachment: MessagingAttachment): Attachment | null {
  const payload = attachment.payload ?? {};
  const title = payload.title ?? attachment.title;
  const name = title ? { name: title } : {};
  if (attachment.type === 'location' && payload.coordinates) {
    const { lat, long } = payload.coordinates;
    return { type: 'location', url: `geo:${lat},${long}`, ...name };
  }
  if (!payload.url) return null;
  return { type: ATTACHMENT_TYPES[attachment.type] ?? 'file', url: payload.url, ...name };
}
