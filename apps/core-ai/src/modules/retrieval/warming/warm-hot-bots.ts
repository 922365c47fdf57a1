import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EmbeddingProvider, spaceKey } from '@cxgenie/embeddings';
import { EMBEDDING_PROVIDER } from '../../../core-modules/embeddings/embedding.tokens';
import { BotKnowledgeIndexes } from '../lexical/bot-knowledge-indexes';
import { HotBots } from './hot-bots';

/** Only bots searched within this window are warmed: an idle bot's first search may be slow. */
export const WARM_BOTS_SEARCHED_WITHIN_MS = 24 * 3_600_000;

export interface WarmOutcome {
  warmed: number;
  chunks: number;
  skipped: number;
}

/**
 * Builds in memory the indexes of the bots searched most recently by any core-ai process, the
 * most recent first, while the memory budget has room (ADR 0064). A search for a bot being built
 * shares that build.
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
    const outcome: WarmOutcome = { warmed: 0, chunks: 0, skipped: 0 };
    const current = spaceKey(this.embeddings.space);
    const bots = await this.hotBots.recent(limit, Date.now() - WARM_BOTS_SEARCHED_WITHIN_MS);
    for (const bot of bots) {
      if (signal?.aborted || !this.indexes.hasRoom()) break;
      // Searches embed with the current model only: another space's index would never be read.
      if (spaceKey(bot.space) !== current) {
        outcome.skipped += 1;
        continue;
      }
      try {
        const index = await this.indexes.of(bot.space, bot.scope);
        if (index.size === 0) {
          outcome.skipped += 1;
          await this.hotBots.forget(bot);
          continue;
        }
        outcome.warmed += 1;
        outcome.chunks += index.size;
      } catch (error) {
        outcome.skipped += 1;
        this.logger.warn(`could not warm bot ${bot.scope.botId}: ${(error as Error).message}`);
      }
    }
    return outcome;
  }
}
