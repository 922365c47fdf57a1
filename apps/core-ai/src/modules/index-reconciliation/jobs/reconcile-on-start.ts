import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LogContext, newTraceId } from '@cxgenie/observability';
import { ReconcileAllIndexes } from '../usecases/reconcile-all-indexes/reconcile-all-indexes.usecase';

/**
 * Checks every bot's index once core-ai is up, in the background: the service answers meanwhile
 * (a bot being repaired answers from what its index holds so far), and shutdown stops the sweep
 * between two bots.
 */
@Injectable()
export class ReconcileOnStart implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileOnStart.name);
  private readonly stop = new AbortController();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sweep: ReconcileAllIndexes,
    private readonly logContext: LogContext,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.knowledge.reconcileOnStart) return;
    this.running = this.logContext.run(newTraceId(), () => this.run());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      const outcome = await this.sweep.execute(this.stop.signal);
      if (!outcome) this.logger.log('knowledge index check: another instance is running it');
      else
        this.logger.log(
          `knowledge index check: ${outcome.bots} bot(s), ${outcome.repaired} repaired, ${outcome.incomplete} incomplete`,
        );
    } catch (error) {
      this.logger.error(`knowledge index check failed: ${(error as Error).message}`);
    }
  }
}
