import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { IntegrationModule } from './integration.module';

void runService('integration', (config) => IntegrationModule.register(config));
