import type { Logger } from 'nestjs-pino';
import { currentTraceId } from '@cxgenie/observability';
import type { MetricsService } from '@cxgenie/observability';

/**
 * The process's policy for a promise rejection nobody handled. Such a rejection belongs to one
 * request or one job (a database that went away while a socket connected, a broadcast after a
 * connection closed); the process serves everyone else, so it logs the failure with its trace
 * id, counts it (`unhandled_rejections_total`), and carries on. Uncaught synchronous exceptions
 * still end the process: its state can no longer be trusted.
 */
export function keepRunningOnUnhandledRejections(logger: Logger, metrics: MetricsService): void {
  process.on('unhandledRejection', (reason: unknown) => {
    metrics.unhandledRejections.inc();
    logger.error(
      {
        trace_id: currentTraceId(),
        err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : reason,
      },
      'unhandled promise rejection (the process keeps running)',
    );
  });
}
