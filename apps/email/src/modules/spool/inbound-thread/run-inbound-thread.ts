import { NestFactory } from '@nestjs/core';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger } from 'nestjs-pino';
import type {
  FromInboundThread,
  InboundThreadData,
  ToInboundThread,
} from '../../../core-modules/inbound-thread/inbound-thread-messages';
import { EmailInboundModule } from './email-inbound.module';

/** The inbound thread's life: boot the reader, say so, and on `stop` close it and end. */
export async function runInboundThread(): Promise<void> {
  const port = parentPort;
  if (!port)
    throw new Error('the email.inbound reader runs in a worker thread of the email service');
  const { config } = workerData as InboundThreadData;
  const niced = yieldToReceiver();
  const app = await NestFactory.createApplicationContext(EmailInboundModule.register(config), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // The service's policy (runService): a rejection nobody handled belongs to one job; the thread
  // logs it and keeps reading, where Node's default would end the thread and every job in hand.
  process.on('unhandledRejection', (reason: unknown) =>
    logger.error(
      { err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : reason },
      'unhandled promise rejection in the email.inbound thread (it keeps running)',
    ),
  );
  port.on('message', (message: ToInboundThread) => {
    if (message.kind !== 'stop') return;
    // process.exit in a worker thread ends the thread only.
    void app.close().finally(() => process.exit(0));
  });
  if (!niced) logger.warn("email.inbound thread runs at the receiver's priority (not on Linux?)");
  port.postMessage({ kind: 'ready' } satisfies FromInboundThread);
}

/** How much lower than the receiver's the reader's scheduling priority is (nice, 0–19). */
const NICENESS = 10;

/**
 * Lowers this thread's priority below the receiving thread's, so that on busy cores the
 * operating system runs the SMTP dialogue first and the reader takes what is left: a mail waits
 * in the spool a little longer, a sender does not wait for its 250. Linux applies `setpriority`
 * to the thread a thread id names; elsewhere this is a no-op that reports false.
 */
function yieldToReceiver(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) return false;
    setPriority(threadId, NICENESS);
    return true;
  } catch {
    return false;
  }
}
