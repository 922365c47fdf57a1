import { Injectable } from '@nestjs/common';
import { type AnswerPromptVersion, Flags } from '@cxgenie/contracts';
import { FlagsClient } from '@cxgenie/flags';

/** The `answer-prompt-version` flag: which answer prompt a bot's questions are asked with. */
@Injectable()
export class AnswerPromptFlags {
  constructor(private readonly flags: FlagsClient) {}

  versionFor(bot: { workspaceId: string; botId: string }): Promise<AnswerPromptVersion> {
    return this.flags.get(Flags.answerPromptVersion, bot);
  }
}
