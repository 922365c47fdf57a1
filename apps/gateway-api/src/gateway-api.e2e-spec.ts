import { describeServicePlatformContract } from '@cxgenie/testing';
import { gatewayApiService } from './gateway-api.service';

describeServicePlatformContract(gatewayApiService);
