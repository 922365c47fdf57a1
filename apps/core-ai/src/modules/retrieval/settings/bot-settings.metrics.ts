import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '@cxgenie/observability';
import { BotSettingsMemory } from './bot-settings-memory';

/** Whether bots' settings are served from memory, and how often (read at scrape time). */
@Injectable()
export class BotSettingsMetrics {
  constructor(metrics: MetricsService, memory: BotSettingsMemory) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'bot_settings_memory_live',
      help: "1 while the bots API's change announcements are heard and searches read settings from memory",
      registers,
      collect() {
        this.set(memory.stats().live ? 1 : 0);
      },
    });
    new Gauge({
      name: 'bot_settings_memory_bots',
      help: 'Bots whose knowledge settings this core-ai holds in memory',
      registers,
      collect() {
        this.set(memory.stats().size);
      },
    });
    new Counter({
      name: 'bot_settings_reads_total',
      help: "Searches' reads of a bot's settings: from memory, from PostgreSQL, or joining a PostgreSQL read under way",
      labelNames: ['source'],
      registers,
      collect() {
        const { hits, misses, shared, refreshes } = memory.stats();
        this.reset();
        this.inc({ source: 'memory' }, hits);
        this.inc({ source: 'database' }, misses);
        this.inc({ source: 'shared_read' }, shared);
        this.inc({ source: 'database_behind_search' }, refreshes);
      },
    });
  }
}
