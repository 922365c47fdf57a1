import type { ServiceEntry } from '@cxgenie/bootstrap';
import { raw } from 'express';
import { EmailModule, type InboundReader } from './email.module';

/** The email service, with its `email.inbound` reader on the receiving thread or its own. */
export const emailServiceWith = (inboundReader: InboundReader): ServiceEntry => ({
  name: 'email',
  rootModule: (config, options) => EmailModule.register(config, options, inboundReader),
  configure: (app, config) => {
    // The inbound webhook takes raw MIME (or a form carrying it) as bytes, whatever the content
    // type; room above the message limit for a form's base64 or quoted-printable overhead.
    app.use(
      '/webhooks/email',
      raw({ type: () => true, limit: Math.ceil(config.email.maxMessageBytes * 1.4) + 65_536 }),
    );
  },
});

/** As tests boot it in their own process: one thread, jobs read where they can be awaited. */
export const emailService = emailServiceWith('same-thread');
