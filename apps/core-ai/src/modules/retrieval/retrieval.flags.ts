import { Injectable } from '@nestjs/common';
import { Flags } from '@cxgenie/contracts';
import { FlagsClient } from '@cxgenie/flags';
import type { RetrievalSettings } from './retrieval-settings';

/**
 * The `retrieval-mode` flag, per bot: `vector-only` switches BM25 full-text search off whatever
 * the bot's own setting; `hybrid` (also without flags) leaves the bot's setting as it is.
 */
@Injectable()
export class RetrievalFlags {
  constructor(private readonly flags: FlagsClient) {}

  async apply(
    settings: RetrievalSettings,
    bot: { workspaceId: string; botId: string },
  ): Promise<RetrievalSettings> {
    const mode = await this.flags.get(Flags.retrievalMode, bot);
    return mode === 'vector-only' ? { ...settings, hybridSearch: false } : settings;
  }
}
