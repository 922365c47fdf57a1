import type { NormalizedInboundMessage } from '@cxgenie/contracts';

/** A verified, deduplicated customer message waiting out the reordering window in Redis. */
export interface StagedMessage {
  message: NormalizedInboundMessage;
  workspaceId: string;
  /** The webhook request's trace id, so the accept and the bot's answer log under it. */
  traceId: string | null;
  arrivedAt: number;
}

/**
 * Messages are staged per customer of a channel: one customer talks in one conversation at a time
 * on a channel, so this is the conversation, known without a database round trip.
 */
export const stagingGroupOf = (message: NormalizedInboundMessage): string =>
  `${message.channelId}|${message.externalCustomerId}`;

export const parseStagingGroup = (
  group: string,
): { channelId: string; externalCustomerId: string } => {
  const cut = group.indexOf('|');
  return { channelId: group.slice(0, cut), externalCustomerId: group.slice(cut + 1) };
};

// Fixed width, so members with the same score sort by this prefix, lexicographically.
const TIE_BREAK_DIGITS = 20;

/**
 * A sorted-set member: scored by the platform's timestamp, ties broken by the platform's own
 * counter (Telegram's update_id) or else by arrival, then the payload.
 */
export function stagedMember(staged: StagedMessage): { score: number; member: string } {
  const sentAt = Date.parse(staged.message.sentAt);
  const tieBreak = staged.message.sequenceHint ?? staged.arrivedAt;
  return {
    score: Number.isFinite(sentAt) ? sentAt : staged.arrivedAt,
    member: `${String(Math.max(0, Math.floor(tieBreak))).padStart(TIE_BREAK_DIGITS, '0')}|${JSON.stringify(staged)}`,
  };
}

export function readStagedMember(member: string): StagedMessage | null {
  try {
    const staged = JSON.parse(member.slice(member.indexOf('|') + 1)) as StagedMessage;
    return staged?.message?.channelId ? staged : null;
  } catch {
    return null;
  }
}
