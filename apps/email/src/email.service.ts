import type { ServiceEntry } from '@cxgenie/bootstrap';
import { raw } from 'express';
import { EmailModule } from './email.module';

export const emailService: ServiceEntry = {
  name: 'email',
  rootModule: (config, options) => EmailModule.register(config, options),
  configure: (app, config) => {
    // The inbound webhook takes raw MIME (or a form carrying it) as bytes, whatever the content
    // type; room above the message limit for a form's base64 or quoted-printable overhead.
    app.use(
      '/webhooks/email',
      raw({ type: () => true, limit: Math.ceil(config.email.maxMessageBytes * 1.4) + 65_536 }),
    );
  },
};
