import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type {
  FromInboundThread,
  InboundThreadData,
  ToInboundThread,
} from '../../../core-modules/inbound-thread/inbound-thread-messages';
import { EmailMetrics } from '../../../core-modules/metrics/email-metrics';

/** A thread that died is started again after this long, so a boot failure does not spin. */
const RESTART_DELAY_MS = 2_000;

/** The thread's entry beside this service's main file: `.js` when built, `.ts` run from source. */
function threadEntry(): { file: string; argv: string[] } {
  const ext = extname(__filename);
  const entry = resolve(__dirname, '../../..', `inbound-thread.main${ext}`);
  if (ext !== '.ts') return { file: entry, argv: [] };
  // From source, the thread needs the same TypeScript require hook the process started with.
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts/run-ts.js')) && dirname(dir) !== dir) dir = dirname(dir);
  return { file: join(dir, 'scripts/run-ts.js'), argv: [entry] };
}

/**
 * Runs the `email.inbound` reader (ADR 0047) in a worker thread of this process: reading a mail
 * (mailparser, threading, the intake's statements) takes tens of milliseconds of JavaScript at a
 * time, which on the receiver's event loop delayed every SMTP reply queued behind it. In its own
 * thread it has its own event loop, heap and garbage collector; the receiver stays responsive and
 * the operating system shares the cores. One reader per process, as before, so `KeyedSerialQueue` still
 * keeps one sender's mail in order. Started only where the service runs queue workers.
 */
@Injectable()
export class EmailInboundThread implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailInboundThread.name);
  private worker: Worker | null = null;
  private stopping = false;
  private restart: NodeJS.Timeout | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: EmailMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.queueWorkers) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.restart) clearTimeout(this.restart);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((done) => worker.once('exit', () => done()));
    worker.postMessage({ kind: 'stop' } satisfies ToInboundThread);
    // Jobs in hand finish; past the service's own shutdown budget the thread is ended, and Bull
    // hands its unfinished jobs to the next reader once their lock expires.
    const deadline = setTimeout(() => void worker.terminate(), this.config.shutdownTimeoutMs / 2);
    await exited;
    clearTimeout(deadline);
  }

  private start(): void {
    const { file, argv } = threadEntry();
    const workerData: InboundThreadData = { role: 'email-inbound', config: this.config };
    const worker = new Worker(file, { argv, workerData, name: 'email-inbound' });
    this.worker = worker;
    worker.on('message', (message: FromInboundThread) => {
      if (message.kind === 'received') this.metrics.received(message.via, message.outcome);
      else if (message.kind === 'ready') {
        this.metrics.readerRunning(true);
        this.logger.log('email.inbound reader thread ready');
      }
    });
    worker.on('error', (error) =>
      this.logger.error(`email.inbound reader thread failed: ${error.message}`),
    );
    worker.on('exit', (code) => {
      this.worker = null;
      this.metrics.readerRunning(false);
      if (this.stopping) return;
      this.metrics.readerRestarted();
      this.logger.warn(`email.inbound reader thread exited (${code}); restarting`);
      this.restart = setTimeout(() => this.start(), RESTART_DELAY_MS);
    });
  }
}
