import { parentPort, workerData } from 'node:worker_threads';
import type { ServiceConfig } from '@cxgenie/config';
import type { InboundOutcome } from '../metrics/email-metrics';

/** What the receiving thread hands the inbound thread when it starts it. */
export interface InboundThreadData {
  role: 'email-inbound';
  config: ServiceConfig;
}

/** From the inbound thread: booted, or a mail read (counted on the receiving thread's /metrics). */
export type FromInboundThread =
  | { kind: 'ready' }
  | { kind: 'received'; via: string; outcome: InboundOutcome };

/** To the inbound thread: finish the jobs in hand and exit. */
export type ToInboundThread = { kind: 'stop' };

/** The port to the receiving thread, when this code runs in the inbound thread; else null. */
export const receivingThreadPort = () =>
  (workerData as Partial<InboundThreadData> | null)?.role === 'email-inbound' ? parentPort : null;
