import type { Logger } from 'nestjs-pino';
import { MetricsService, runWithTraceId } from '@cxgenie/observability';
import { keepRunningOnUnhandledRejections } from './process-failures';

describe('the unhandled rejection policy', () => {
  const original = process.listeners('unhandledRejection');
  afterEach(() => {
    process.removeAllListeners('unhandledRejection');
    for (const listener of original) process.on('unhandledRejection', listener);
  });

  it('logs the failure with its trace id, counts it, and keeps the process running', async () => {
    const lines: unknown[][] = [];
    const logger = { error: (...args: unknown[]) => lines.push(args) } as unknown as Logger;
    const metrics = new MetricsService();
    process.removeAllListeners('unhandledRejection');
    keepRunningOnUnhandledRejections(logger, metrics);

    runWithTraceId('trace-of-the-request', () => {
      process.emit(
        'unhandledRejection',
        new Error('connect ECONNREFUSED 127.0.0.1:5432'),
        Promise.resolve(),
      );
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toMatchObject({
      trace_id: 'trace-of-the-request',
      err: { message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    });
    expect(await metrics.render()).toMatch(/^unhandled_rejections_total 1$/m);
  });
});
