import { type QueueName, QueueNames } from './queues';

/** Job options, as Bull takes them (a subset: what our queues set). */
export interface QueueJobOptions {
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  removeOnComplete?: boolean | number;
  removeOnFail?: boolean | number;
}

/** How a queue's consumers hold jobs: a crashed worker's job is taken over after `lockDuration`. */
export interface QueueSettings {
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
}

export interface QueueOptions {
  defaultJobOptions: QueueJobOptions;
  settings?: QueueSettings;
}

/** Five tries over about 8 s, then kept for inspection. */
const RETRIED: QueueJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

/**
 * Every queue's job options and lock settings, declared once: producers and consumers in every
 * service register a queue with these (`QueuesModule.register` in libs/bootstrap), so a queue
 * behaves the same whoever adds to it or drains it.
 */
export const QUEUE_OPTIONS: Readonly<Record<QueueName, QueueOptions>> = {
  // A crashed worker's job is handed to another after lockDuration; kept short for the chat path.
  [QueueNames.ConversationInbound]: {
    defaultJobOptions: RETRIED,
    settings: { lockDuration: 10_000, stalledInterval: 5_000 },
  },
  [QueueNames.ChannelOutbound]: { defaultJobOptions: RETRIED },
  [QueueNames.EmailOutbound]: { defaultJobOptions: RETRIED },
  // Mail already answered 250: a failure that persists (the database away for minutes) must not
  // drop it, so it is retried for about half an hour and a failed job is kept (its raw is stored).
  [QueueNames.EmailInbound]: {
    defaultJobOptions: {
      attempts: 12,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: 1_000,
      removeOnFail: false,
    },
  },
  [QueueNames.BotNotEnoughData]: { defaultJobOptions: RETRIED },
  [QueueNames.HandoffRequests]: { defaultJobOptions: RETRIED },
  // Added with a delay (ADR 0058); most find their attempt attached, nothing to keep.
  [QueueNames.AttemptedAnswers]: { defaultJobOptions: { ...RETRIED, removeOnComplete: true } },
  // Nudges: nothing worth keeping once done.
  [QueueNames.TicketAssignment]: { defaultJobOptions: { ...RETRIED, removeOnComplete: true } },
  [QueueNames.AgentPresence]: {
    defaultJobOptions: { ...RETRIED, removeOnComplete: true, removeOnFail: 1_000 },
  },
  [QueueNames.AnalyticsEvents]: { defaultJobOptions: { ...RETRIED, removeOnComplete: true } },
  // A deleted bot's knowledge: retried until it is gone, one job per bot (jobId dedupes).
  [QueueNames.KnowledgePurge]: {
    defaultJobOptions: { ...RETRIED, attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  },
  [QueueNames.KnowledgeIndex]: {
    defaultJobOptions: { ...RETRIED, attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  },
  // The loader keeps its place in a job, so a retried run resumes rather than restarts. Its lock is
  // renewed from the event loop, and chunking the largest allowed document (5 M characters) holds
  // the loop for about 20 s: the lock outlasts that with room to spare, and a crash costs about a
  // minute before the job resumes. A job taken over twice is still worth a third try.
  [QueueNames.LoaderIngest]: {
    defaultJobOptions: { ...RETRIED, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
    settings: { lockDuration: 60_000, stalledInterval: 10_000, maxStalledCount: 2 },
  },
  // Repeatable jobs: a missed tick is simply the next one.
  [QueueNames.ConversationSweep]: {
    defaultJobOptions: { removeOnComplete: 10, removeOnFail: 50, attempts: 1 },
  },
  [QueueNames.TicketScheduler]: {
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 100, attempts: 1 },
  },
  // Building an index over a large table takes tens of seconds: the lock outlasts that.
  [QueueNames.VectorStoreMaintenance]: {
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 20, attempts: 1 },
    settings: { lockDuration: 300_000, stalledInterval: 60_000, maxStalledCount: 1 },
  },
};
