import type { Sequelize } from 'sequelize';
import { ConversationActionsStore } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { type BootedService, bootService } from '@cxgenie/testing';
import { EmailChannelDirectory } from '../../../core-modules/email-channels/email-channel-directory';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import { ThreadTokens, withPlusTag } from '../../../core-modules/threading/thread-token';
import { emailService } from '../../../email.service';
import { type SeededEmailChannel, seedEmailChannel } from '../../../email.test-helpers';
import { type MailClient, type SampleMail, sampleMail } from '../../../mail-samples.test-helpers';
import { messageIdFor } from '../../outbound/composing/compose-mail';
import type { ReceiveOutcome } from '../usecases/receive-email/receive-email.command';
import { ReceiveEmail } from '../usecases/receive-email/receive-email.usecase';

const JANE = { name: 'Jane Doe', address: 'jane.doe@gmail.com' };
const JOHN = { name: 'John Smith', address: 'john.smith@outlook.com' };
const ANNA = { name: 'Anna Berg', address: 'anna@icloud.com' };

/** A thread begun by the customer, and our reply in it (as the outbound path records it). */
interface Thread {
  conversationId: string;
  customerFirst: string;
  ourReply: string;
  subject: string;
}

/**
 * The threading rules (ADR 0032), one row per situation, with the headers the three clients most
 * customers use actually write. Each row starts a thread (the customer's first mail, our reply),
 * then delivers the mail under test and checks which conversation it joined.
 */
describe('threading mail into conversations', () => {
  let email: BootedService;
  let sequelize: Sequelize;
  let seeded: SeededEmailChannel;
  let channel: EmailChannel;
  let receive: ReceiveEmail;

  beforeAll(async () => {
    email = await bootService(emailService);
    sequelize = email.app.get(TenantConnections).sequelize;
    seeded = await seedEmailChannel(sequelize, email.config.encryptionKey);
    channel = (await email.app.get(EmailChannelDirectory).find(seeded.channelId))!;
    receive = email.app.get(ReceiveEmail);
  });
  afterAll(() => email.close());

  const deliver = async (client: MailClient, mail: SampleMail) => {
    const { raw, messageId } = sampleMail(client, mail);
    const outcome = await receive.execute({ channel, raw, via: 'webhook' });
    return { outcome, messageId };
  };

  const conversationOf = (outcome: ReceiveOutcome): string => {
    if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(outcome)}`);
    return outcome.conversationId;
  };

  /** The customer writes; we answer (recorded as DeliverEmails records a sent mail). */
  const startThread = async (from: SampleMail['from'], subject: string): Promise<Thread> => {
    const first = await deliver('plain', {
      from,
      to: `Acme Support <${seeded.address}>`,
      subject,
      body: 'Hello, I have a question.',
    });
    const conversationId = conversationOf(first.outcome);
    const token = email.app.get(ThreadTokens).sign(conversationId);
    const ourReply = messageIdFor(channel, token, crypto.randomUUID());
    const scope = await email.app.get(TenantConnections).scope(seeded.workspaceId);
    const [customer] = await sequelize.query<{ customer_id: string }>(
      'SELECT customer_id FROM conversations WHERE id = :conversationId',
      { replacements: { conversationId }, type: 'SELECT' as never },
    );
    await email.app.get(EmailMessagesRepository).recordSent(scope, {
      channelId: channel.id,
      rfcMessageId: ourReply,
      conversationId,
      messageId: first.outcome.kind === 'accepted' ? first.outcome.messageId : '',
      customerId: customer.customer_id,
      subject: `Re: ${subject}`,
      referenceIds: [first.messageId],
    });
    return { conversationId, customerFirst: first.messageId, ourReply, subject };
  };

  const quoted = {
    text: 'Your parcel left our warehouse today.',
    by: `Acme Support <x>`,
    at: 'Tue, Dec 1, 2026 at 9:58 AM',
  };

  type Expectation = 'same' | 'new';
  const rows: [
    string,
    SampleMail['from'],
    MailClient,
    (t: Thread) => Partial<SampleMail>,
    Expectation,
  ][] = [
    [
      'a Gmail reply to our answer',
      JANE,
      'gmail',
      (t) => ({
        subject: `Re: ${t.subject}`,
        inReplyTo: t.ourReply,
        references: [t.customerFirst, t.ourReply],
      }),
      'same',
    ],
    [
      'an Outlook reply ("RE:", Thread-Index, the quote under a rule)',
      JOHN,
      'outlook',
      (t) => ({ subject: `RE: ${t.subject}`, inReplyTo: t.ourReply, references: [t.ourReply] }),
      'same',
    ],
    [
      'an Apple Mail reply',
      ANNA,
      'apple',
      (t) => ({
        subject: `Re: ${t.subject}`,
        inReplyTo: t.ourReply,
        references: [t.customerFirst, t.ourReply],
      }),
      'same',
    ],
    [
      'a reply whose client rewrote In-Reply-To, with References intact',
      JANE,
      'gmail',
      (t) => ({
        subject: `Re: ${t.subject}`,
        inReplyTo: 'rewritten-by-a-gateway@mx.example.net',
        references: [t.customerFirst, t.ourReply],
      }),
      'same',
    ],
    [
      'a reply that changed the subject, same references',
      JOHN,
      'outlook',
      (t) => ({
        subject: 'Something else entirely',
        inReplyTo: t.ourReply,
        references: [t.ourReply],
      }),
      'same',
    ],
    [
      "the customer's follow-up to their own first mail (before we answered)",
      ANNA,
      'apple',
      (t) => ({
        subject: `Re: ${t.subject}`,
        inReplyTo: t.customerFirst,
        references: [t.customerFirst],
      }),
      'same',
    ],
    [
      'a reply from a client that dropped the threading headers, to our Reply-To plus-address',
      JANE,
      'plain',
      (t) => ({
        subject: `Re: ${t.subject}`,
        to: withPlusTag(seeded.address, email.app.get(ThreadTokens).sign(t.conversationId)),
      }),
      'same',
    ],
    [
      'a reply naming only our Message-ID, whose index row is gone (its token still threads it)',
      JOHN,
      'outlook',
      (t) => ({
        subject: `RE: ${t.subject}`,
        inReplyTo: messageIdFor(
          channel,
          email.app.get(ThreadTokens).sign(t.conversationId),
          crypto.randomUUID(),
        ),
      }),
      'same',
    ],
    [
      'a forward of our answer (Fwd:, still naming the thread)',
      JANE,
      'gmail',
      (t) => ({
        subject: `Fwd: Re: ${t.subject}`,
        inReplyTo: t.ourReply,
        references: [t.customerFirst, t.ourReply],
      }),
      'new',
    ],
    [
      'an Outlook forward (FW:)',
      JOHN,
      'outlook',
      (t) => ({ subject: `FW: ${t.subject}`, references: [t.ourReply] }),
      'new',
    ],
    [
      'a new mail with the same subject and no references',
      ANNA,
      'apple',
      (t) => ({ subject: t.subject }),
      'new',
    ],
    [
      'a plus-address token that was made up',
      JANE,
      'plain',
      (t) => ({
        subject: `Re: ${t.subject}`,
        to: withPlusTag(seeded.address, `c${'a'.repeat(34)}`),
      }),
      'new',
    ],
  ];

  it.each(rows)('%s', async (_label, from, client, build, expectation) => {
    const thread = await startThread(from, `Order ${Math.random().toString(36).slice(2, 8)}`);
    const { outcome } = await deliver(client, {
      from,
      to: `Acme Support <${seeded.address}>`,
      body: 'Thanks, one more question.',
      quoted,
      subject: thread.subject,
      ...build(thread),
    });
    const joined = conversationOf(outcome);
    if (expectation === 'same') expect(joined).toBe(thread.conversationId);
    else expect(joined).not.toBe(thread.conversationId);
  });

  it('never merges two senders writing to the support address with the same subject', async () => {
    const subject = 'Where is my order?';
    const jane = await deliver('gmail', {
      from: JANE,
      to: seeded.address,
      subject,
      body: 'Mine is late.',
    });
    const john = await deliver('outlook', {
      from: JOHN,
      to: seeded.address,
      subject,
      body: 'Mine too.',
    });
    expect(conversationOf(john.outcome)).not.toBe(conversationOf(jane.outcome));
  });

  it("keeps another customer's reply to a thread out of it, even naming our Message-ID", async () => {
    const thread = await startThread(JANE, 'Private matter');
    const colleague = { name: 'Bob', address: 'bob@gmail.com' };
    const { outcome } = await deliver('gmail', {
      from: colleague,
      to: seeded.address,
      subject: `Re: ${thread.subject}`,
      body: 'Let me chime in.',
      inReplyTo: thread.ourReply,
      references: [thread.customerFirst, thread.ourReply],
    });
    expect(conversationOf(outcome)).not.toBe(thread.conversationId);
  });

  it('continues a thread whose conversation was closed in a new one, and keeps it there', async () => {
    const thread = await startThread(ANNA, 'Refund status');
    const tenants = email.app.get(TenantConnections);
    await email.app
      .get(ConversationActionsStore)
      .close(await tenants.scope(seeded.workspaceId), thread.conversationId, null);
    const reopened = await deliver('apple', {
      from: ANNA,
      to: seeded.address,
      subject: `Re: ${thread.subject}`,
      body: 'It has not arrived yet.',
      inReplyTo: thread.ourReply,
      references: [thread.customerFirst, thread.ourReply],
    });
    const next = conversationOf(reopened.outcome);
    expect(next).not.toBe(thread.conversationId);
    const again = await deliver('apple', {
      from: ANNA,
      to: seeded.address,
      subject: `Re: ${thread.subject}`,
      body: 'Any news?',
      inReplyTo: reopened.messageId,
      references: [thread.customerFirst, thread.ourReply, reopened.messageId],
    });
    expect(conversationOf(again.outcome)).toBe(next);
  });

  it('gives the bot what the customer wrote, and keeps the quote and signature for agents', async () => {
    const thread = await startThread(JOHN, 'Invoice question');
    const { outcome } = await deliver('outlook', {
      from: JOHN,
      to: seeded.address,
      subject: `RE: ${thread.subject}`,
      body: 'Hi, I still have a question about the VAT line.\n\nBest regards,\nJohn\n--\nJohn Smith | Finance',
      quoted: {
        text: 'Your invoice is attached.',
        by: `Acme Support <${seeded.address}>`,
        at: '01 December 2026 09:00',
      },
      inReplyTo: thread.ourReply,
      references: [thread.ourReply],
    });
    const [message] = await sequelize.query<{
      text: string;
      metadata: { email: Record<string, unknown> };
    }>('SELECT text, metadata FROM messages WHERE id = :id', {
      replacements: { id: outcome.kind === 'accepted' ? outcome.messageId : '' },
      type: 'SELECT' as never,
    });
    // The sign-off and the signature block are the signature; the bot gets the question.
    expect(message.text).toBe('Hi, I still have a question about the VAT line.');
    expect(message.metadata.email['quoted']).toContain('Your invoice is attached.');
    expect(message.metadata.email['signature']).toContain('Best regards,\nJohn');
    expect(message.metadata.email['signature']).toContain('John Smith | Finance');
    expect(message.metadata.email['subject']).toBe(`RE: ${thread.subject}`);
  });
});
