import { randomBytes } from 'node:crypto';
import type { SearchResponse } from '@cxgenie/contracts';
import { eventually } from '../eventually';
import type { ApiClient } from './api-client';

/**
 * A Bull prefix for a gateway and a core-ai booted together: the gateway's `knowledge.index` jobs
 * must reach that core-ai (every booted service gets its own prefix otherwise).
 */
export const sharedQueuePrefix = (): string => `test-${randomBytes(4).toString('hex')}`;

export const PARCEL_KNOWLEDGE = {
  title: 'Where is my parcel?',
  content: [
    'Orders leave our warehouse within one business day. You receive an email with a tracking link as soon as your parcel is handed to the carrier.',
    'Follow the tracking link to see where your parcel is. Tracking can take up to 24 hours to show the first scan.',
    'If your parcel has not moved for five days, contact us with your order number and we will open an investigation with the carrier.',
  ].join('\n\n'),
};

export const RETURNS_KNOWLEDGE = {
  title: 'Returning an item',
  content: [
    'You can return shoes, boots and clothing within 30 days of delivery, unworn and in their original box.',
    'Start the return from the Orders page of your account and print the prepaid label. Drop the parcel at any post office.',
    'Refunds reach your original payment method within five business days after the return arrives at our warehouse.',
  ].join('\n\n'),
};

/** Adds a snippet through the dashboard API and waits until core-ai can find it. */
export async function addSnippet(
  owner: ApiClient,
  coreAiUrl: string,
  botId: string,
  snippet: { title: string; content: string },
): Promise<void> {
  const res = await owner.post(`/api/v1/bots/${botId}/snippets`, snippet);
  if (res.status !== 201) throw new Error(`snippet not created: ${res.status}`);
  await eventually(async () => {
    const search = await fetch(`${coreAiUrl}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceId: owner.session!.workspaceId,
        botId,
        query: snippet.title,
      }),
    });
    const { chunks } = (await search.json()) as SearchResponse;
    if (!chunks.some((chunk) => chunk.title === snippet.title)) throw new Error('not indexed yet');
  }, 20_000);
}
