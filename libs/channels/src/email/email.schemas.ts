import { z } from 'zod';
import type { ChannelConfigurationProblem, ChannelSchemas } from '../shared/channel-schemas';

// Addresses are stored as written and routed by exact match, so they must be written as routed.
const address = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .email('must be an email address')
  .refine((value) => value === value.toLowerCase(), 'must be written in lowercase');

const host = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253, 'must be at most 253 characters')
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an IP address');

const port = z.number().int('must be a whole number').min(1).max(65535);

/**
 * How a connection to a mail server is protected: `tls` from the first byte (SMTPS 465, IMAPS
 * 993), `starttls` upgraded and required, `none` whatever the server offers (a trusted network).
 */
const security = z.enum(['tls', 'starttls', 'none']);

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\r\n\0]/.test(value), 'must be on one line');

export const emailSettingsSchema = z
  .object({
    /**
     * Where customers write to: mail to any of them (and their plus-addressed forms) reaches this
     * channel. An address belongs to one live channel of the whole platform.
     */
    addresses: z
      .array(address)
      .min(1, 'needs at least one address')
      .max(20, 'must have at most 20 addresses')
      .refine((list) => new Set(list).size === list.length, 'must not repeat an address'),
    /** The sender of the channel's mail; the first address when not set. */
    fromAddress: address.optional(),
    /** The sender's display name (`Acme Support`). */
    fromName: oneLine(100).optional(),
    /** Outgoing mail server; without it the platform's relay (`EMAIL_OUTBOUND_SMTP_URL`) sends. */
    smtp: z
      .object({
        host,
        port,
        security: security.default('starttls'),
        /** Login name; the password is the `smtpPassword` credential. */
        user: oneLine(320).optional(),
      })
      .strict()
      .optional(),
    /** A mailbox the channel polls, for businesses that keep their own mail server. */
    imap: z
      .object({
        host,
        port,
        security: security.default('tls'),
        /** Login name; the password is the `imapPassword` credential. */
        user: oneLine(320).pipe(z.string().min(1, 'is required')),
        mailbox: oneLine(200).default('INBOX'),
      })
      .strict()
      .optional(),
    /** Signs outgoing mail (DKIM) with the `dkimPrivateKey` credential. */
    dkim: z
      .object({
        domainName: host,
        keySelector: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,63}$/, 'must be a DNS label such as mail2026'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type EmailSettings = z.output<typeof emailSettingsSchema>;

export const emailCredentialsSchema = z
  .object({
    smtpPassword: z.string().min(1, 'must not be empty').optional(),
    imapPassword: z.string().min(1, 'must not be empty').optional(),
    dkimPrivateKey: z
      .string()
      .regex(
        /-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]+-----END (RSA |EC )?PRIVATE KEY-----/,
        'must be a PEM private key',
      )
      .optional(),
  })
  .strict();
export type EmailCredentials = z.output<typeof emailCredentialsSchema>;

/** Settings that name a credential the channel does not have. */
function missingCredentials(
  settings: EmailSettings,
  credentials: EmailCredentials,
): ChannelConfigurationProblem[] {
  const problems: ChannelConfigurationProblem[] = [];
  const require = (when: unknown, name: keyof EmailCredentials, because: string) => {
    if (when && !credentials[name])
      problems.push({ field: `credentials.${name}`, message: `is required ${because}` });
  };
  require(settings.smtp?.user, 'smtpPassword', 'when settings.smtp.user is set');
  require(settings.imap, 'imapPassword', 'when settings.imap is set');
  require(settings.dkim, 'dkimPrivateKey', 'when settings.dkim is set');
  return problems;
}

export const EMAIL_CHANNEL_SCHEMAS: ChannelSchemas<EmailSettings, EmailCredentials> = {
  settings: emailSettingsSchema,
  credentials: emailCredentialsSchema,
  consistency: missingCredentials,
};

/** The addresses an email channel is reached at (settings as stored), for routing and claims. */
export const emailAddressesOf = (settings: unknown): string[] => {
  const addresses = (settings as { addresses?: unknown } | null)?.addresses;
  return Array.isArray(addresses)
    ? addresses.filter((a): a is string => typeof a === 'string')
    : [];
};

/**
 * The addresses a channel of `type` is reached at, which no other live channel may claim (mail
 * is routed by address across the whole platform). Only email channels have any.
 */
export const claimedAddresses = (type: string, settings: unknown): string[] =>
  type === 'email' ? emailAddressesOf(settings) : [];
