import { type ApiClient, type ApiResponse } from '@cxgenie/testing';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { type LoaderIngestJobData, QueueNames } from '@cxgenie/contracts';

export interface UploadPart {
  name: string;
  bytes: Buffer | string;
  /** What the browser claims; the API must not believe it. */
  type?: string;
  field?: string;
}

/** A multipart upload as a browser's FormData sends it. */
export async function uploadFiles<T = Record<string, unknown>>(
  client: ApiClient,
  botId: string,
  parts: UploadPart[],
): Promise<ApiResponse<T>> {
  const form = new FormData();
  for (const part of parts) {
    const bytes = typeof part.bytes === 'string' ? Buffer.from(part.bytes, 'utf8') : part.bytes;
    form.append(
      part.field ?? 'files',
      new Blob([bytes], { type: part.type ?? 'application/octet-stream' }),
      part.name,
    );
  }
  const res = await fetch(`${client.baseUrl}/api/v1/bots/${botId}/documents`, {
    method: 'POST',
    headers: client.session ? { authorization: `Bearer ${client.session.accessToken}` } : {},
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

/** The loader jobs the gateway queued, oldest first; no loader runs in these tests to take them. */
export async function queuedIngestJobs(app: {
  get<T>(token: unknown): T;
}): Promise<LoaderIngestJobData[]> {
  const queue = app.get<Queue<LoaderIngestJobData>>(getQueueToken(QueueNames.LoaderIngest));
  const jobs = await queue.getJobs(['waiting', 'delayed', 'paused', 'active']);
  // In the order they were queued (Bull lists the waiting list newest first).
  return jobs.sort((a, b) => Number(a.id) - Number(b.id)).map((job) => job.data);
}

export const jobsOfSource = async (
  app: { get<T>(token: unknown): T },
  sourceId: string,
): Promise<LoaderIngestJobData[]> =>
  (await queuedIngestJobs(app)).filter((job) => job.sourceId === sourceId);
