/** Domain vocabularies shared by every service and the API. */
export const MEMBER_ROLES = ['owner', 'admin', 'agent'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const AVAILABILITIES = ['online', 'idle', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const TENANCY_MODES = ['shared', 'dedicated'] as const;
export type TenancyMode = (typeof TENANCY_MODES)[number];

export const LLM_PROVIDERS = ['local', 'openai', 'anthropic'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** What the bot does when it has no grounded answer. */
export const REPLY_UNKNOWN_POLICIES = ['INPUT_ANSWER', 'AI_GENERATE', 'NO_REPLY'] as const;
export type ReplyUnknownPolicy = (typeof REPLY_UNKNOWN_POLICIES)[number];

export const CHANNEL_TYPES = [
  'messenger',
  'whatsapp',
  'telegram',
  'instagram',
  'viber',
  'email',
  'web',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const KNOWLEDGE_SOURCE_TYPES = ['document', 'website', 'faq', 'snippet'] as const;
export type KnowledgeSourceType = (typeof KNOWLEDGE_SOURCE_TYPES)[number];

export const KNOWLEDGE_SOURCE_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
export type KnowledgeSourceStatus = (typeof KNOWLEDGE_SOURCE_STATUSES)[number];

export const CONVERSATION_STATUSES = ['bot', 'human', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const SENDER_TYPES = ['customer', 'bot', 'agent', 'system'] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export const MESSAGE_STATUSES = [
  'received',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export interface Attachment {
  type: 'image' | 'video' | 'audio' | 'file' | 'location';
  url: string;
  name?: string;
  mimeType?: string;
  sizeBytes?: number;
}

/** The longest text a customer or an agent may send in one message. */
export const MAX_MESSAGE_CHARS = 4_000;

/**
 * The channels an agent's reply can carry files on. The messaging platforms' send APIs each
 * take files their own way (upload first, public URL, per-type endpoints); until each adapter
 * does, a reply with files to them is refused at the API rather than sent without its files.
 */
export const ATTACHMENT_CHANNELS: readonly ChannelType[] = ['email'];
/** Files on one agent reply, and the size of each (bytes; inclusive). */
export const MAX_AGENT_ATTACHMENTS = 5;
export const MAX_AGENT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/**
 * All files of one reply together: base64 makes them a third larger in the mail, and common mail
 * servers refuse messages over 20–25 MB, so a bigger reply would bounce rather than arrive.
 */
export const MAX_AGENT_ATTACHMENTS_TOTAL_BYTES = 15 * 1024 * 1024;
/**
 * The types an agent may send. An allow-list: documents, images, archives and plain data; never
 * HTML, SVG or scripts, which a customer's mail client or our own download route could render.
 */
export const AGENT_ATTACHMENT_TYPES: readonly string[] = [
  'application/pdf',
  'application/zip',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
];
