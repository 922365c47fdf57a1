import { Injectable } from '@nestjs/common';
import type { CsatSubmittedPayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import {
  CsatAlreadySubmittedException,
  CsatNotOpenException,
} from '../../actions/conversation-action.exceptions';
import { CsatAnnouncer } from '../../actions/csat-announcer';
import { type RatingRow, type SavedRating, saveRating } from '../../actions/csat-ratings';
import type { SubmitCsatCommand } from './submit-csat.command';

/**
 * A widget customer rates their closed conversation 1–5 (the buttons under the question, or the
 * REST route); linked to the agent and the bot, for the agents live and for analytics.
 */
@Injectable()
export class SubmitCsat {
  constructor(private readonly announcer: CsatAnnouncer) {}

  async execute(scope: TenantScope, command: SubmitCsatCommand): Promise<CsatSubmittedPayload> {
    const row = await saveRating(scope, {
      conversationId: command.conversationId,
      customerId: command.customerId,
      rating: command.rating,
      comment: command.comment?.trim() || null,
    });
    if (!row) throw new ResourceNotFoundException('Conversation');
    if (!row.id) throw refusal(row);
    const saved = row as SavedRating;
    return this.announcer.announce(
      scope.workspaceId,
      command.conversationId,
      saved,
      saved.request_message_id,
    );
  }
}

function refusal(row: RatingRow): Error {
  if (row.already_rated) return new CsatAlreadySubmittedException();
  if (row.status !== 'closed') return new CsatNotOpenException('not_closed');
  if (!row.open_for_rating) return new CsatNotOpenException('expired');
  if (!row.request_message_id) return new CsatNotOpenException('not_asked');
  // Lost a race with a simultaneous submission: that one was saved.
  return new CsatAlreadySubmittedException();
}
