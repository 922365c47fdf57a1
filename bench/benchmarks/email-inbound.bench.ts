import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Socket, connect } from 'node:net';
import { QueryTypes, Sequelize } from 'sequelize';
import { loadServiceConfig } from '@cxgenie/config';
import { SecretBox } from '@cxgenie/channels';
import { freePort, seedWorkspace, spawnService, testEnv } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { startCpuAccount } from '../process-cpu';
import { deleteKeys } from '../redis-keys';

const SENDERS = 10;
const MESSAGES_PER_SENDER = Number(process.env['BENCH_EMAIL_MESSAGES_PER_SENDER'] ?? 150);
const WARMUP_PER_SENDER = 10;
const CUSTOMERS = 200;
const MIN_BYTES = 20 * 1024;
const MAX_BYTES = 200 * 1024;
/** How long the run waits for the spool to be read after the last 250. */
const DRAIN_TIMEOUT_MS = 300_000;
/**
 * `false`: the email process only receives (the spool is read by other processes, or not at all
 * here): the fast path's own capacity. Default: it reads its spool too, sharing the CPU.
 */
const SPOOL_WORKER = process.env['BENCH_EMAIL_SPOOL_WORKER'] !== 'false';

/**
 * CPU seconds of a process's main thread alone (the SMTP receiver's event loop), from Linux's
 * per-thread /proc entry; 0 elsewhere. The process total also counts the inbound reader's thread.
 */
function mainThreadCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const [utime, stime] = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 13)
      .map(Number);
    return (utime + stime) / 100;
  } catch {
    return 0;
  }
}

/** A line-oriented SMTP client on a raw socket: the bench times the reply to the end of DATA. */
class SmtpClient {
  private buffer = '';
  private waiting: ((line: string) => void) | null = null;
  private readonly lines: string[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      let end: number;
      while ((end = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        // Multi-line replies ("250-…") end with the line whose code is followed by a space.
        if (/^\d{3}-/.test(line)) continue;
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve(line);
        } else this.lines.push(line);
      }
    });
  }

  static async open(port: number): Promise<SmtpClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new SmtpClient(socket);
    await client.expect('220');
    await client.command('EHLO bench.example.test', '250');
    return client;
  }

  private reply(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private async expect(code: string): Promise<string> {
    const line = await this.reply();
    if (!line.startsWith(code)) throw new Error(`expected ${code}, got: ${line}`);
    return line;
  }

  private async command(text: string, code: string): Promise<string> {
    this.socket.write(`${text}\r\n`);
    return this.expect(code);
  }

  /** Sends one message; resolves with the milliseconds from the end of DATA to the 250. */
  async send(from: string, to: string, message: Buffer): Promise<number> {
    await this.command(`MAIL FROM:<${from}> SIZE=${message.length}`, '250');
    await this.command(`RCPT TO:<${to}>`, '250');
    await this.command('DATA', '354');
    this.socket.write(message);
    this.socket.write('\r\n.\r\n');
    const dataEnd = performance.now();
    await this.expect('250');
    return performance.now() - dataEnd;
  }

  close(): void {
    this.socket.end('QUIT\r\n');
  }
}

/** Random words of readable text, in lines of a mail's width. */
const prose = (bytes: number): string => {
  const words = [
    'parcel',
    'order',
    'invoice',
    'refund',
    'delivery',
    'tracking',
    'please',
    'help',
    'thanks',
    'when',
    'where',
    'my',
    'the',
    'arrived',
    'damaged',
    'address',
  ];
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = Array.from(
      { length: 12 },
      () => words[Math.floor(Math.random() * words.length)],
    ).join(' ');
    lines.push(line);
    size += line.length + 2;
  }
  return lines.join('\r\n');
};

/**
 * A realistic mail of about `bytes`: text and HTML alternatives, and for larger ones an attached
 * file (base64), with a thread's headers for one mail in three.
 */
function realisticMail(
  bytes: number,
  from: string,
  to: string,
  references: string[],
): { raw: Buffer; id: string } {
  const id = `${randomBytes(12).toString('hex')}@customer.example.test`;
  const boundary = `b-${randomBytes(8).toString('hex')}`;
  const alt = `a-${randomBytes(8).toString('hex')}`;
  const textBytes = Math.min(bytes, 8 * 1024);
  const text = prose(textBytes / 2);
  const html = `<html><body><p>${prose(textBytes / 2).replace(/\r\n/g, '</p>\r\n<p>')}</p></body></html>`;
  const attachmentBytes = Math.max(0, Math.floor(((bytes - textBytes) * 3) / 4));
  const attachment = randomBytes(attachmentBytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw = [
    `From: Customer <${from}>`,
    `To: Support <${to}>`,
    `Subject: ${references.length ? 'Re: ' : ''}Question about my order`,
    `Message-ID: <${id}>`,
    ...(references.length
      ? [
          `In-Reply-To: <${references.at(-1)}>`,
          `References: ${references.map((r) => `<${r}>`).join(' ')}`,
        ]
      : []),
    'Date: Tue, 1 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    `--${alt}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    `--${alt}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    `--${alt}--`,
    ...(attachmentBytes > 0
      ? [
          `--${boundary}`,
          'Content-Type: application/pdf; name="scan.pdf"',
          'Content-Disposition: attachment; filename="scan.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          attachment,
        ]
      : []),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  // Dot-stuffing (none of the generated lines starts with a dot, but the rule is the rule).
  return { raw: Buffer.from(raw.replace(/\r\n\./g, '\r\n..'), 'utf8'), id };
}

/**
 * How fast the SMTP receiver takes mail in: 10 senders on their own connections, each sending its
 * messages back to back (20–200 KB, text, HTML and an attachment; a third of them replies in a
 * thread), against the email service as its own process with the real PostgreSQL, Redis and file
 * storage. A 250 is sent once the mail is spooled (its bytes stored, a job on email.inbound: ADR
 * 0042), so the time from the end of DATA to the 250 is the time to "queued". The service's own
 * worker reads the spool meanwhile (it shares the CPU with the receiver, as in production), and
 * the run waits until every mail is a stored message: `processed_per_s` is that rate, from the
 * first measured mail to the last one stored. Messages/s counts from the first to the last reply.
 */
export const emailInbound: Benchmark = {
  name: 'email-inbound',
  description: `${SENDERS} SMTP senders × ${MESSAGES_PER_SENDER} mails of 20–200 KB, DATA end → queued`,
  async run() {
    const env = testEnv();
    const config = loadServiceConfig('email', env);
    const sequelize = new Sequelize(env.DATABASE_URL, { logging: false });
    const workspaceId = await seedWorkspace(sequelize, 'email bench');
    const address = `bench-${randomBytes(4).toString('hex')}@acme.test`;
    const [bot] = await sequelize.query<{ id: string }>(
      `INSERT INTO bots (workspace_id, name, public_key) VALUES (:workspaceId, 'Bench bot', 'pk_bench_' || gen_random_uuid()) RETURNING id`,
      { replacements: { workspaceId }, type: QueryTypes.SELECT },
    );
    const [channel] = await sequelize.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, bot_id, type, name, webhook_secret_encrypted, settings)
       VALUES (:workspaceId, :botId, 'email', 'Bench mail', :secret, CAST(:settings AS jsonb)) RETURNING id`,
      {
        replacements: {
          workspaceId,
          botId: bot.id,
          secret: new SecretBox(config.encryptionKey).seal('whs_bench'),
          settings: JSON.stringify({ addresses: [address] }),
        },
        type: QueryTypes.SELECT,
      },
    );
    const smtpPort = await freePort();
    // The email service reads its own spool; nothing consumes conversation.inbound here: those
    // jobs are deleted with the prefix afterwards.
    const email = await spawnService('email', {
      SMTP_PORT: String(smtpPort),
      ...(!SPOOL_WORKER && { QUEUE_WORKERS: 'false' }),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: env.QUEUE_PREFIX,
    });
    const customers = Array.from(
      { length: CUSTOMERS },
      (_, i) => `customer${i}-${randomBytes(3).toString('hex')}@example.test`,
    );
    const threads = new Map<string, string[]>();
    const nextMail = () => {
      const from = customers[Math.floor(Math.random() * customers.length)];
      const previous = threads.get(from) ?? [];
      const references = Math.random() < 1 / 3 ? previous : [];
      const bytes = MIN_BYTES + Math.floor(Math.random() * (MAX_BYTES - MIN_BYTES));
      const mail = realisticMail(bytes, from, address, references);
      threads.set(from, [...references, mail.id].slice(-10));
      return { from, raw: mail.raw };
    };
    try {
      const clients = await Promise.all(
        Array.from({ length: SENDERS }, () => SmtpClient.open(smtpPort)),
      );
      const sendMany = async (client: SmtpClient, count: number, latencies: number[] | null) => {
        for (let i = 0; i < count; i++) {
          const { from, raw } = nextMail();
          const ms = await client.send(from, address, raw);
          latencies?.push(ms);
        }
      };
      // Warm-up, not measured: JIT, connection pools, the first customers and conversations.
      await Promise.all(clients.map((client) => sendMany(client, WARMUP_PER_SENDER, null)));
      const latencies: number[] = [];
      let bytesSent = 0;
      const loadAverage = loadavg()[0];
      // The email process's CPU (every thread, and children it reaped) while mail is received,
      // then until the spool is drained: CPU per mail is less sensitive to a loaded machine.
      const parties = {
        pids: { email: email.process.pid! },
        commands: ['postgres', 'redis-server'],
      };
      const receiving = startCpuAccount(parties);
      const mainThreadBefore = mainThreadCpuSeconds(email.process.pid!);
      const started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          for (let i = 0; i < MESSAGES_PER_SENDER; i++) {
            const { from, raw } = nextMail();
            bytesSent += raw.length;
            latencies.push(await client.send(from, address, raw));
          }
        }),
      );
      const elapsedS = (performance.now() - started) / 1000;
      const receivingCpu = receiving.stop();
      const mainThreadCpu = mainThreadCpuSeconds(email.process.pid!) - mainThreadBefore;
      const draining = startCpuAccount(parties);
      for (const client of clients) client.close();
      const storedCount = async () => {
        const [row] = await sequelize.query<{ count: string }>(
          `SELECT count(*) FROM messages WHERE channel_id = :channelId`,
          { replacements: { channelId: channel.id }, type: QueryTypes.SELECT },
        );
        return Number(row.count);
      };
      const sent = SENDERS * (WARMUP_PER_SENDER + MESSAGES_PER_SENDER);
      const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
      let stored = await storedCount();
      while (SPOOL_WORKER && stored < sent && Date.now() < drainDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stored = await storedCount();
      }
      const processedS = (performance.now() - started) / 1000;
      const drainingCpu = draining.stop();
      const perMail = (seconds: number) => round((seconds * 1000) / latencies.length, 2);
      latencies.sort((a, b) => a - b);
      return {
        messages: latencies.length,
        messages_stored: stored,
        // Includes the warm-up's mails still being read when the measured run began.
        ...(SPOOL_WORKER && {
          processed_per_s: round(Math.min(stored, latencies.length) / processedS, 1),
        }),
        mean_kb: round(bytesSent / latencies.length / 1024, 1),
        messages_per_s: round(latencies.length / elapsedS, 1),
        p50_ms: round(percentile(latencies, 50)),
        p99_ms: round(percentile(latencies, 99)),
        max_ms: round(latencies[latencies.length - 1]),
        load_average_1m: round(loadAverage, 1),
        // CPU while the measured mail was received: the fast path, plus whatever else ran then.
        email_cpu_ms_per_msg_receiving: perMail(receivingCpu['email'] ?? 0),
        // Of that, the receiver's event loop (the reader's too where it shares the loop).
        email_main_thread_cpu_ms_per_msg_receiving: perMail(mainThreadCpu),
        // Receiving and reading into conversations (drain included).
        ...(SPOOL_WORKER && {
          email_cpu_ms_per_msg_total: perMail(
            (receivingCpu['email'] ?? 0) + (drainingCpu['email'] ?? 0),
          ),
        }),
        postgres_cpu_ms_per_msg: perMail(
          (receivingCpu['postgres'] ?? 0) + (drainingCpu['postgres'] ?? 0),
        ),
        redis_cpu_ms_per_msg: perMail(
          (receivingCpu['redis-server'] ?? 0) + (drainingCpu['redis-server'] ?? 0),
        ),
      };
    } finally {
      await email.kill('SIGTERM');
      await sequelize.query(
        'UPDATE channels SET is_active = false, deleted_at = now() WHERE id = :id',
        {
          replacements: { id: channel.id },
        },
      );
      await sequelize.close();
      await deleteKeys(env.REDIS_URL, `${env.QUEUE_PREFIX}:*`);
    }
  },
};
