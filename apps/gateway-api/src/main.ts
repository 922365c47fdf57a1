import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { gatewayApiService } from './gateway-api.service';

void runService(gatewayApiService);
