import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceEntry } from '@cxgenie/bootstrap';
import { raw } from 'express';
import { IntegrationModule } from './integration.module';

/** Platforms send small JSON events; anything this big is not one. */
const WEBHOOK_BODY_LIMIT = '1mb';

export const integrationService: ServiceEntry = {
  name: 'integration',
  rootModule: (config, options) => IntegrationModule.register(config, options),
  configure: (app) => {
    // Platforms and gateway-api never revalidate what this service answers (webhook receipts,
    // handshakes, internal calls): an ETag would be a SHA-1 over every receipt for nothing.
    (app as NestExpressApplication).set('etag', false);
    // Webhook signatures are computed over the exact bytes sent: the body reaches the webhook
    // route as a Buffer, whatever its content type. Registered before Nest's JSON parser, which
    // then leaves an already-read body alone.
    app.use('/webhooks', raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }));
  },
};
