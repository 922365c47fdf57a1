import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';

/** One mail as the sink received it: the envelope, the raw bytes and mailparser's reading. */
export interface CapturedMail {
  envelope: { from: string; to: string[] };
  user: string | null;
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: number;
}

/** The next DATA (or the next `count` of them) is refused with this SMTP reply. */
export interface SinkFailure {
  code: number;
  message: string;
  count?: number;
}

/**
 * A mail server our outbound mail is sent to in tests: a real smtp-server on loopback that keeps
 * what nodemailer sent (envelope, raw MIME, parsed), with a login it checks when one is set, and
 * replies it can be told to refuse with (4xx for "try later", 5xx for "never").
 */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  private failures: SinkFailure[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: { user?: string; password?: string } = {}): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      authOptional: !options.user,
      allowInsecureAuth: true,
      onAuth: (auth: SMTPServerAuthentication, _session, done) => {
        if (auth.username === options.user && auth.password === options.password)
          done(null, { user: auth.username });
        else done(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const failure = sink!.takeFailure();
          if (failure)
            return done(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((parsed) => {
            sink!.mails.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              user: (session.user as string | undefined) ?? null,
              raw,
              parsed,
              receivedAt: Date.now(),
            });
            done();
          }, done);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return sink;
  }

  /** Refuse the next DATA(s) with this reply. */
  failNext(failure: SinkFailure): void {
    this.failures.push(failure);
  }

  reset(): void {
    this.mails.length = 0;
    this.failures = [];
  }

  /** Mails sent to `address`, oldest first. */
  to(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.envelope.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private takeFailure(): SinkFailure | null {
    const next = this.failures[0];
    if (!next) return null;
    next.count = (next.count ?? 1) - 1;
    if (next.count <= 0) this.failures.shift();
    return next;
  }
}
