import {
  CSAT_MAX_RATING,
  CSAT_MIN_RATING,
  type ChannelType,
  channelTraits,
} from '@cxgenie/contracts';

/** How long after closing a conversation its customer may still rate it. */
export const CSAT_WINDOW_HOURS = 24;

/** Rating buttons show under the question; elsewhere the customer types a digit. */
export const csatQuestion = (channelType: ChannelType): string =>
  channelTraits(channelType).ratingPrompt === 'buttons'
    ? 'How would you rate your conversation with us?'
    : `How would you rate your conversation with us? Reply ${CSAT_MIN_RATING}–${CSAT_MAX_RATING} (${CSAT_MIN_RATING} = poor, ${CSAT_MAX_RATING} = excellent).`;

export const CSAT_THANKS = 'Thank you for your feedback!';

/** Marks the question in the transcript (messages.metadata), so it can be found again. */
export const CSAT_REQUEST_METADATA = {
  csat: { kind: 'request', minRating: CSAT_MIN_RATING, maxRating: CSAT_MAX_RATING },
};

/** A customer's whole reply being one digit in the scale, e.g. "4" or " 5 ". */
export function parseCsatReply(text: string): number | null {
  const match = /^\s*(\d)\s*$/.exec(text);
  if (!match) return null;
  const rating = Number(match[1]);
  return rating >= CSAT_MIN_RATING && rating <= CSAT_MAX_RATING ? rating : null;
}
