import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { EmailChannel } from '../../core-modules/email-channels/email-channel';
import { EmailChannelDirectory } from '../../core-modules/email-channels/email-channel-directory';
import { EmailMetrics } from '../../core-modules/metrics/email-metrics';
import { baseAddressOf } from '../../core-modules/threading/thread-token';
import {
  type ReceiveOutcome,
  outcomeOf,
} from '../intake/usecases/receive-email/receive-email.command';
import { senderOfHeaders } from '../intake/parsing/parse-mail';
import { ReceiveEmail } from '../intake/usecases/receive-email/receive-email.usecase';
import { MailSpool } from '../spool/mail-spool';
import { SmtpReply } from './smtp-reply';

/** The channels a transaction's accepted recipients belong to, with those recipients. */
interface Transaction {
  attempts: number;
  channels: Map<string, { channel: EmailChannel; recipients: string[] }>;
}

/**
 * The SMTP receiver (smtp-server): mail for the platform's channels, delivered by the world's
 * mail servers or by a business's own relay. Not an open relay: a recipient is accepted only if
 * it is (the plus-addressed form of) an address of a live channel, else 550 at RCPT, and the
 * number of recipients per transaction is capped (452). SIZE is announced and enforced (552).
 * The 250 after DATA comes once the mail is spooled (ADR 0042): its bytes in storage and a job on
 * `email.inbound`, both durable; a worker reads, threads and hands it on afterwards. A failure
 * before that is a 451, and the sending server keeps the mail and tries again; a redelivery of a
 * mail already received is recognised by its Message-ID when it is read. A mail whose headers name
 * no sender is read at once instead, so the sender learns with a 554 why it was refused.
 */
@Injectable()
export class SmtpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpReceiver.name);
  private readonly transactions = new Map<string, Transaction>();
  private server: SMTPServer | null = null;
  private listeningPort: number | null = null;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly channels: EmailChannelDirectory,
    private readonly receive: ReceiveEmail,
    private readonly spool: MailSpool,
    private readonly metrics: EmailMetrics,
  ) {}

  /** The port it listens on (the configured one, or the one the system gave for 0). */
  get port(): number {
    if (this.listeningPort === null) throw new Error('the SMTP receiver is not listening');
    return this.listeningPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { smtpTlsKeyFile, smtpTlsCertFile, maxMessageBytes } = this.config.email;
    const tls = smtpTlsKeyFile && smtpTlsCertFile;
    this.server = new SMTPServer({
      name: 'cxgenie',
      banner: 'CX Genie mail receiver',
      size: maxMessageBytes,
      logger: false,
      // A receiver, not a submission server: nobody logs in, and nothing is relayed.
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      hideSTARTTLS: !tls,
      ...(tls && { key: readFileSync(smtpTlsKeyFile), cert: readFileSync(smtpTlsCertFile) }),
      onMailFrom: (_address, session, done) => {
        this.transactions.delete(session.id);
        done();
      },
      onRcptTo: (address, session, done) =>
        this.acceptRecipient(address, session).then(() => done(), done),
      onData: (stream, session, done) =>
        this.acceptData(stream, session).then((message) => done(null, message), done),
      onClose: (session) => this.transactions.delete(session.id),
    });
    this.server.on('error', (error: Error) => this.logger.warn(`smtp: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(this.config.email.smtpPort, this.config.host, () => resolve());
    });
    this.listeningPort = (this.server.server.address() as AddressInfo).port;
    this.logger.log(
      `SMTP receiver on ${this.config.host}:${this.listeningPort}${tls ? ' (STARTTLS)' : ''}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acceptRecipient(
    address: SMTPServerAddress,
    session: SMTPServerSession,
  ): Promise<void> {
    const transaction = this.transactionOf(session);
    transaction.attempts += 1;
    // Counted before any lookup: a flood of made-up recipients costs no queries past the limit.
    if (transaction.attempts > this.config.email.maxRecipients)
      throw SmtpReply.tooManyRecipients(this.config.email.maxRecipients);
    let channel: EmailChannel | null;
    try {
      channel = await this.channels.findByAddress(baseAddressOf(address.address));
    } catch (error) {
      this.logger.warn(`recipient lookup failed: ${(error as Error).message}`);
      throw SmtpReply.temporaryFailure();
    }
    if (!channel) throw SmtpReply.unknownRecipient(address.address);
    if (!channel.isActive || !channel.botId) throw SmtpReply.mailboxDisabled(address.address);
    const entry = transaction.channels.get(channel.id) ?? { channel, recipients: [] };
    entry.recipients.push(address.address.toLowerCase());
    transaction.channels.set(channel.id, entry);
  }

  private async acceptData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<string> {
    const raw = await readAll(stream, this.config.email.maxMessageBytes);
    const startedAt = performance.now();
    if (stream.sizeExceeded) throw SmtpReply.tooLarge(this.config.email.maxMessageBytes);
    const targets = [...(this.transactions.get(session.id)?.channels.values() ?? [])];
    this.transactions.delete(session.id);
    const sender = await senderOfHeaders(raw);
    if (!sender) return this.receiveNow(targets, raw, startedAt);
    try {
      // A copy per channel: two workspaces' addresses in one transaction each get their own.
      await Promise.all(
        targets.map(({ channel, recipients }) =>
          this.spool.spool({ channel, raw, via: 'smtp', sender, envelopeRecipients: recipients }),
        ),
      );
    } catch (error) {
      this.logger.warn(`mail not spooled, sender told to retry: ${(error as Error).message}`);
      this.observe('deferred', startedAt);
      for (let i = 0; i < targets.length; i++) this.metrics.received('smtp', 'deferred');
      throw SmtpReply.temporaryFailure();
    }
    this.observe('accepted', startedAt);
    return 'Message accepted';
  }

  /** The whole read before the answer: for mail the spool cannot take (no sender to order by). */
  private async receiveNow(
    targets: { channel: EmailChannel; recipients: string[] }[],
    raw: Buffer,
    startedAt: number,
  ): Promise<string> {
    let outcomes: ReceiveOutcome[];
    try {
      outcomes = await Promise.all(
        targets.map(({ channel, recipients }) =>
          this.receive.execute({ channel, raw, via: 'smtp', envelopeRecipients: recipients }),
        ),
      );
    } catch (error) {
      this.logger.warn(`mail not received, sender told to retry: ${(error as Error).message}`);
      this.observe('deferred', startedAt);
      for (let i = 0; i < targets.length; i++) this.metrics.received('smtp', 'deferred');
      throw SmtpReply.temporaryFailure();
    }
    for (const outcome of outcomes) this.metrics.received('smtp', outcomeOf(outcome));
    const rejected = outcomes.filter((o) => o.kind === 'rejected');
    if (outcomes.length > 0 && rejected.length === outcomes.length) {
      this.observe('rejected', startedAt);
      throw SmtpReply.unreadable(rejected[0].reason);
    }
    this.observe('accepted', startedAt);
    return 'Message accepted';
  }

  private observe(outcome: 'accepted' | 'rejected' | 'deferred', startedAt: number): void {
    this.metrics.smtpDataSeconds(outcome, (performance.now() - startedAt) / 1000);
  }

  private transactionOf(session: SMTPServerSession): Transaction {
    let transaction = this.transactions.get(session.id);
    if (!transaction) {
      transaction = { attempts: 0, channels: new Map() };
      this.transactions.set(session.id, transaction);
    }
    return transaction;
  }
}

/**
 * The DATA stream, kept up to `limit` bytes: past it smtp-server sets `sizeExceeded`, and the
 * rest is read and dropped so the client still gets its 552 at the end.
 */
function readAll(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    stream.on('data', (chunk: Buffer) => {
      if (kept > limit) return;
      kept += chunk.length;
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
