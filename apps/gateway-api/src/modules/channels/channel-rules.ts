import { Injectable } from '@nestjs/common';
import type { ChannelType } from '@cxgenie/contracts';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { type ChannelCredentials, configurationProblems } from './channel-credential-schemas';
import { ChannelsException } from './channels.exception';

/** The checks a channel must pass whenever it is written, on create and on PATCH alike. */
@Injectable()
export class ChannelRules {
  constructor(private readonly bots: BotRepository) {}

  /** Looked up through the caller's scope, so another workspace's bot reads as missing. */
  async assertBotInWorkspace(scope: TenantScope, botId: string | null | undefined): Promise<void> {
    if (!botId) return;
    if (!(await this.bots.findById(scope, botId))) throw ChannelsException.botNotFound();
  }

  /** Returns the credentials typed once they are known to fit the type's schema. */
  assertConfiguration(
    type: ChannelType,
    credentials: Record<string, unknown>,
    settings: Record<string, unknown>,
  ): ChannelCredentials {
    const problems = configurationProblems(type, credentials, settings);
    if (problems.length > 0) throw ChannelsException.configurationInvalid(problems);
    return credentials as ChannelCredentials;
  }
}
