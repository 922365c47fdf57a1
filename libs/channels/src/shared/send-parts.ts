import { RetryableDeliveryError, type SendResult } from '@cxgenie/contracts';

/**
 * Sends the parts of a split message in order, skipping those an earlier attempt delivered. When a
 * part fails with a retryable error, the error carries the ids of the parts that went out before
 * it, so the next attempt resumes at the failed part instead of repeating the message.
 */
export async function sendParts<Part>(
  parts: readonly Part[],
  deliveredParts: number,
  sendOne: (part: Part, index: number) => Promise<string>,
): Promise<SendResult> {
  const platformMessageIds: string[] = [];
  for (let index = Math.max(0, deliveredParts); index < parts.length; index++) {
    try {
      platformMessageIds.push(await sendOne(parts[index], index));
    } catch (error) {
      if (error instanceof RetryableDeliveryError && platformMessageIds.length > 0) {
        throw new RetryableDeliveryError(error.message, error.retryAfterMs, [
          ...platformMessageIds,
          ...error.sentPlatformMessageIds,
        ]);
      }
      throw error;
    }
  }
  return { platformMessageIds };
}
