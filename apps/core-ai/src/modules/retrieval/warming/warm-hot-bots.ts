import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EmbeddingProvider, spaceKey } from '@cxgenie/embeddings';
import { withTimeout } from '@cxgenie/observability';
import { EMBEDDING_PROVIDER } from '../../../core-modules/embeddings/embedding.tokens';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { type HotBot, HotBots } from './hot-bots';

/** Only bots searched within this window are warmed: an idle bot's first search may be slow. */
export const WARM_BOTS_SEARCHED_WITHIN_MS = 24 * 3_600_000;

/** Redis away at start must not hold start-up for the whole warm wait. */
export const RECORD_READ_TIMEOUT_MS = 2_000;

export interface WarmOutcome {
  warmed: number;
  chunks: number;
  skipped: number;
}

/**
 * Builds in memory the indexes of the bots searched most recently by any core-ai process, the
 * most recent first, while they fit in the memory budget beside the ones already built; none is
 * evicted for another (ADR 0064). A search for a bot being built shares that build.
 */
@Injectable()
export class WarmHotBots {
  private readonly logger = new Logger(WarmHotBots.name);

  constructor(
    private readonly hotBots: HotBots,
    private readonly indexes: BotKnowledgeIndexes,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
  ) {}

  async execute(limit: number, signal?: AbortSignal): Promise<WarmOutcome> {
    const startedAt = Date.now();
    const outcome: WarmOutcome = { warmed: 0, chunks: 0, skipped: 0 };
    const current = spaceKey(this.embeddings.space);
    // Twice the limit: bots of another space or with no knowledge left do not use up the slots.
    const bots = await withTimeout(
      this.hotBots.recent(limit * 2, Date.now() - WARM_BOTS_SEARCHED_WITHIN_MS),
      RECORD_READ_TIMEOUT_MS,
      'the hot-bots record',
    );
    const warmed: HotBot[] = [];
    for (const bot of bots) {
      if (signal?.aborted || outcome.warmed >= limit || !this.indexes.hasRoom()) break;
      // Searches embed with the current model only: another space's index would never be read.
      if (spaceKey(bot.space) !== current) {
        outcome.skipped += 1;
        continue;
      }
      let size: number | null;
      try {
        size = await this.indexes.warm(bot.space, bot.scope);
      } catch (error) {
        outcome.skipped += 1;
        this.logger.warn(`could not warm bot ${bot.scope.botId}: ${(error as Error).message}`);
        continue;
      }
      // It would not fit beside the bots already warmed, which are hotter.
      if (size === null) break;
      if (size === 0) {
        outcome.skipped += 1;
        await this.hotBots.forget(bot);
        continue;
      }
      warmed.push(bot);
      outcome.warmed += 1;
      outcome.chunks += size;
    }
    // Built hottest first, so the hottest is the least recently used: ranked again so eviction
    // takes the coldest of them first, and bots searched meanwhile stay ahead of them.
    this.indexes.rankWarmed(warmed, startedAt);
    return outcome;
  }
}
