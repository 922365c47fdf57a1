import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { ANALYTICS_MIGRATIONS, applyRawFactsTtl } from '@cxgenie/analytics';
import { CLICKHOUSE_CLIENT, migrateClickHouse } from '@cxgenie/clickhouse';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';

/**
 * The analytics schema, brought up to date on start (versioned migrations, then the raw facts'
 * TTL setting), for embedded chdb and a ClickHouse server alike. Nothing reads or writes before
 * it is: the writer and the reports await `ready()`. A ClickHouse that is down at boot does not
 * stop the service; the next write or report tries again.
 */
@Injectable()
export class AnalyticsSchema implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsSchema.name);
  private migrated: Promise<void> | null = null;

  constructor(
    @Inject(CLICKHOUSE_CLIENT) private readonly clickhouse: ClickHouseClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.ready().catch((error: Error) =>
      this.logger.warn(`analytics schema not ready yet: ${error.message}`),
    );
  }

  ready(): Promise<void> {
    this.migrated ??= this.migrate().catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    return this.migrated;
  }

  private async migrate(): Promise<void> {
    const applied = await migrateClickHouse(this.clickhouse, ANALYTICS_MIGRATIONS);
    if (applied.length > 0) this.logger.log(`analytics migrations applied: ${applied.join(', ')}`);
    if (await applyRawFactsTtl(this.clickhouse, this.config.analytics.rawTtlDays))
      this.logger.log(
        `raw analytics facts kept ${this.config.analytics.rawTtlDays || 'forever'} days`,
      );
  }
}
