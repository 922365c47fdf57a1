import { PermanentDeliveryError, RetryableDeliveryError } from '@cxgenie/contracts';
import { sendParts } from './send-parts';

describe('sendParts', () => {
  it('sends every part in order and returns their ids', async () => {
    const sent: string[] = [];
    const result = await sendParts(['a', 'b', 'c'], 0, async (part, i) => {
      sent.push(part);
      return `id-${i}`;
    });
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(result.platformMessageIds).toEqual(['id-0', 'id-1', 'id-2']);
  });

  it('reports the parts that went out when a later one must be retried, and resumes after them', async () => {
    const failing = sendParts(['a', 'b', 'c'], 0, async (part, i) => {
      if (part === 'b') throw new RetryableDeliveryError('429', 3_000);
      return `id-${i}`;
    });
    await expect(failing).rejects.toMatchObject({
      retryAfterMs: 3_000,
      sentPlatformMessageIds: ['id-0'],
    });
    const sent: string[] = [];
    const resumed = await sendParts(['a', 'b', 'c'], 1, async (part, i) => {
      sent.push(part);
      return `id-${i}`;
    });
    expect(sent).toEqual(['b', 'c']);
    expect(resumed.platformMessageIds).toEqual(['id-1', 'id-2']);
  });

  it('lets a permanent error through untouched', async () => {
    const error = new PermanentDeliveryError('blocked', '403');
    await expect(
      sendParts(['a', 'b'], 0, async (_part, i) => {
        if (i === 1) throw error;
        return 'id';
      }),
    ).rejects.toBe(error);
  });
});
