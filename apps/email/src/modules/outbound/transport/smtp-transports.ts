import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type Transporter, createTransport } from 'nodemailer';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { OutboundException } from '../outbound.exception';

interface Pooled {
  fingerprint: string;
  transport: Transporter;
}

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * One pooled nodemailer SMTP transport per channel (a few connections kept open, reused across
 * messages), rebuilt when the channel's server, password or DKIM key change. A channel without an
 * SMTP server of its own sends through the platform's relay (`EMAIL_OUTBOUND_SMTP_URL`), still
 * signed with its own DKIM key.
 */
@Injectable()
export class SmtpTransports implements OnApplicationShutdown {
  private readonly pools = new Map<string, Pooled>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  for(channel: EmailChannel): Transporter {
    const options = this.optionsFor(channel);
    const fingerprint = createHash('sha256').update(JSON.stringify(options)).digest('hex');
    const pooled = this.pools.get(channel.id);
    if (pooled?.fingerprint === fingerprint) return pooled.transport;
    pooled?.transport.close();
    const transport = createTransport(options);
    this.pools.set(channel.id, { fingerprint, transport });
    return transport;
  }

  onApplicationShutdown(): void {
    for (const { transport } of this.pools.values()) transport.close();
    this.pools.clear();
  }

  private optionsFor(channel: EmailChannel) {
    const { smtp, dkim } = channel.settings;
    const { smtpPassword, dkimPrivateKey } = channel.credentials;
    const signing =
      dkim && dkimPrivateKey
        ? {
            dkim: {
              domainName: dkim.domainName,
              keySelector: dkim.keySelector,
              privateKey: dkimPrivateKey,
            },
          }
        : {};
    const pool = { pool: true as const, maxConnections: 3, maxMessages: 100, ...TIMEOUTS };
    if (smtp)
      return {
        ...pool,
        ...signing,
        host: smtp.host,
        port: smtp.port,
        secure: smtp.security === 'tls',
        requireTLS: smtp.security === 'starttls',
        ...(smtp.user && { auth: { user: smtp.user, pass: smtpPassword ?? '' } }),
      };
    const relay = this.config.email.outboundSmtpUrl;
    if (!relay) throw OutboundException.noServer();
    const url = new URL(relay);
    return {
      ...pool,
      ...signing,
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      ...(url.username && {
        auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      }),
    };
  }
}
