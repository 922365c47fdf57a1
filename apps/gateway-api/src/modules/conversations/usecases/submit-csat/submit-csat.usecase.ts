import { Injectable } from '@nestjs/common';
import type { CsatSubmittedPayload } from '@cxgenie/contracts';
import { CsatRatingsStore } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { CsatAnnouncer } from '../../agent-actions/csat-announcer';
import type { SubmitCsatCommand } from './submit-csat.command';

/**
 * A widget customer rates their closed conversation 1–5 (the buttons under the question, or the
 * REST route); linked to the agent and the bot, for the agents live and for analytics.
 */
@Injectable()
export class SubmitCsat {
  constructor(
    private readonly ratings: CsatRatingsStore,
    private readonly announcer: CsatAnnouncer,
  ) {}

  async execute(scope: TenantScope, command: SubmitCsatCommand): Promise<CsatSubmittedPayload> {
    const saved = await this.ratings.submit(scope, {
      conversationId: command.conversationId,
      customerId: command.customerId,
      rating: command.rating,
      comment: command.comment?.trim() || null,
    });
    return this.announcer.announce(
      scope.workspaceId,
      command.conversationId,
      saved,
      saved.request_message_id,
    );
  }
}
