import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { GatewayApiModule } from './gateway-api.module';

void runService('gateway-api', (config) => GatewayApiModule.register(config));
