import type { ServiceEntry } from '@cxgenie/bootstrap';
import { raw } from 'express';
import { IntegrationModule } from './integration.module';

/** Platforms send small JSON events; anything this big is not one. */
const WEBHOOK_BODY_LIMIT = '1mb';

export const integrationService: ServiceEntry = {
  name: 'integration',
  rootModule: (config, options) => IntegrationModule.register(config, options),
  configure: (app) => {
    // Webhook signatures are computed over the exact bytes sent: the body reaches the webhook
    // route as a Buffer, whatever its content type. Registered before Nest's JSON parser, which
    // then leaves an already-read body alone.
    app.use('/webhooks', raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }));
  },
};
