import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import type { TenantScope } from '@cxgenie/database';
import type { LockKeeper } from '@cxgenie/redis';
import type { EmailChannel } from '../../core-modules/email-channels/email-channel';
import type { ReceiveOutcome } from '../intake/usecases/receive-email/receive-email.command';
import type { MailboxState, MailboxStateRepository } from './mailbox-state.repository';

export interface PollerDeps {
  scope: TenantScope;
  states: MailboxStateRepository;
  receive(channel: EmailChannel, raw: Buffer): Promise<ReceiveOutcome>;
  keeper: LockKeeper;
  /** How long to wait before reconnecting after the connection failed, at most. */
  maxBackoffMs: number;
}

/**
 * One connection to one channel's mailbox (imapflow). Reads every message with a UID above the
 * last one taken, in UID order, each through the one intake path, and records the UID once the
 * message is received, so a restart reads nothing twice. Then it waits on IDLE (imapflow falls
 * back to polling where the server has no IDLE) and reads again when the server announces new
 * mail. The first time a mailbox is read, what it already holds is left alone: only mail that
 * arrives after the channel was connected is answered (the same for a channel switched to another
 * mailbox). A mailbox whose UIDVALIDITY changed (deleted and recreated) is read again whole, and
 * Message-IDs keep what was received before from being received twice. Runs while its lock is
 * held.
 */
export class MailboxPoller {
  private readonly logger: Logger;
  private client: ImapFlow | null = null;
  private stopped = false;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private failures = 0;
  readonly done: Promise<void>;

  constructor(
    readonly channel: EmailChannel,
    readonly fingerprint: string,
    private readonly deps: PollerDeps,
  ) {
    this.logger = new Logger(`MailboxPoller ${channel.id}`);
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.logout().catch(() => this.client?.close());
    await this.done;
    await this.deps.keeper.release();
  }

  /** Reads now whatever is new (a safety net beside IDLE, on each sync of the pollers). */
  poke(): void {
    if (this.client?.usable) this.read(this.client);
  }

  get running(): boolean {
    return !this.stopped && !this.deps.keeper.lost;
  }

  /** Connects, reads, idles; reconnects with backoff until stopped or the lock is lost. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.session();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        if (this.running)
          this.logger.warn(
            `mailbox connection failed (${this.failures}): ${(error as Error).message}`,
          );
      }
      if (!this.running) break;
      const backoff = Math.min(this.deps.maxBackoffMs, 500 * 2 ** Math.min(this.failures, 10));
      await new Promise((resolve) => setTimeout(resolve, backoff).unref());
    }
  }

  /** One connection's life: resolves when the server closes it (or we stop). */
  private async session(): Promise<void> {
    const imap = this.channel.settings.imap!;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.security === 'tls',
      doSTARTTLS: imap.security === 'starttls' ? true : undefined,
      auth: { user: imap.user, pass: this.channel.credentials.imapPassword ?? '' },
      logger: false,
      connectionTimeout: 15_000,
      // A poller does nothing but wait for mail: into IDLE right after each read.
      autoIdleDelay: 1_000,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (error: Error) => this.logger.warn(`imap: ${error.message}`));
    client.on('exists', () => this.read(client));
    await client.connect();
    await client.mailboxOpen(imap.mailbox);
    this.read(client);
    await closed;
    this.client = null;
  }

  /** Reads what is new; a read asked for while one runs happens once more after it. */
  private read(client: ImapFlow): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          await this.readNew(client);
        } catch (error) {
          // Left where it was: the next announcement or reconnection reads it again.
          this.logger.warn(`reading the mailbox failed: ${(error as Error).message}`);
          break;
        }
      } while (this.readAgain && this.running);
    })().finally(() => {
      this.reading = null;
    });
  }

  private async readNew(client: ImapFlow): Promise<void> {
    const mailbox = client.mailbox;
    if (!mailbox) return;
    const { scope, states } = this.deps;
    const name = this.channel.settings.imap!.mailbox;
    // A mailbox deleted and recreated under the session tells it nothing (Dovecot keeps the
    // session on the old one, idle forever): its UIDVALIDITY, asked afresh, gives it away, and
    // the session is dropped so the next one opens the new mailbox.
    const status = await client.status(name, { uidValidity: true });
    if (status && status.uidValidity !== undefined && status.uidValidity !== mailbox.uidValidity) {
      this.logger.warn(`mailbox ${name} was recreated under the session: reconnecting`);
      client.close();
      return;
    }
    const stored = await states.get(scope, this.channel.id);
    let state: MailboxState;
    if (stored && stored.uidValidity === mailbox.uidValidity && stored.mailbox === name) {
      state = stored;
    } else if (stored && stored.mailbox === name) {
      // The mailbox was recreated (or the server renumbered it): the old UIDs mean nothing now.
      // Everything in it is read again from the first UID; mail received before is recognised
      // by its Message-ID (a duplicate, stored and answered once), so nothing new is skipped.
      this.logger.warn(`UIDVALIDITY of ${name} changed: reading the whole mailbox again`);
      state = { mailbox: name, uidValidity: mailbox.uidValidity, lastUid: 0 };
      await states.save(scope, this.channel.id, state);
    } else {
      state = { mailbox: name, uidValidity: mailbox.uidValidity, lastUid: mailbox.uidNext - 1 };
      await states.save(scope, this.channel.id, state);
    }
    const from = state.lastUid;
    // UIDs only first (cheap), then each message whole: memory stays one message deep. `n:*`
    // always names the newest message, taken already when nothing is new.
    const listed = await client.fetchAll(`${from + 1}:*`, { uid: true }, { uid: true });
    const uids = listed
      .map((message) => message.uid)
      .filter((uid) => uid > from)
      .sort((a, b) => a - b);
    for (const uid of uids) {
      if (!this.running) return;
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (message && message.source) await this.deps.receive(this.channel, message.source);
      state = { ...state, lastUid: uid };
      await states.save(scope, this.channel.id, state);
    }
  }
}
