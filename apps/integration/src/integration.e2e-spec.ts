import { describeServicePlatformContract } from '@cxgenie/testing';
import { integrationService } from './integration.service';

describeServicePlatformContract(integrationService);
