import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import {
  ThreadTokens,
  baseAddressOf,
  plusTagOf,
  tokenOfMessageId,
} from '../../../core-modules/threading/thread-token';
import type { ParsedEmail } from '../parsing/parse-mail';

/**
 * Which conversation a mail continues (ADR 0032), by what it names, never by its subject: the
 * Message-IDs in In-Reply-To and References looked up in the channel's index (a client that
 * rewrote In-Reply-To still lists the thread in References; the latest conversation of the thread
 * wins), then the conversation token of one of our Message-IDs it names, then the token in the
 * plus-address it was sent to (our Reply-To, for clients that drop the threading headers).
 * Only the customer's own mail is looked up in the index; a token naming another customer's
 * conversation is refused by the intake, which opens a new one. Null: a new thread.
 */
@Injectable()
export class ThreadResolver {
  constructor(
    private readonly mails: EmailMessagesRepository,
    private readonly tokens: ThreadTokens,
  ) {}

  async resolve(
    scope: TenantScope,
    channel: EmailChannel,
    customerId: string,
    mail: ParsedEmail,
    envelopeRecipients: string[] = [],
  ): Promise<string | null> {
    const named = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])];
    const indexed = await this.mails.conversationOfThread(scope, channel.id, customerId, named);
    if (indexed) return indexed;
    for (const id of named) {
      const token = tokenOfMessageId(id);
      const conversationId = token ? this.tokens.verify(token) : null;
      if (conversationId) return conversationId;
    }
    for (const address of [...envelopeRecipients, ...mail.recipients]) {
      if (!channel.settings.addresses.includes(baseAddressOf(address))) continue;
      const tag = plusTagOf(address);
      const conversationId = tag ? this.tokens.verify(tag) : null;
      if (conversationId) return conversationId;
    }
    return null;
  }
}
