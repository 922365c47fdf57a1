import { Injectable } from '@nestjs/common';
import { Flags } from '@cxgenie/contracts';
import { FlagsClient } from '@cxgenie/flags';

/**
 * The `paragraph-flush-interval-ms` flag: how long a streamed answer may wait in the paragraph
 * buffer for its paragraph to end before it is sent anyway (ParagraphBuffer's idleFlushMs).
 * Read once per answer, for the answer's bot.
 */
@Injectable()
export class ParagraphFlushInterval {
  constructor(private readonly flags: FlagsClient) {}

  forBot(workspaceId: string, botId: string): Promise<number> {
    return this.flags.get(Flags.paragraphFlushMs, { workspaceId, botId });
  }
}
