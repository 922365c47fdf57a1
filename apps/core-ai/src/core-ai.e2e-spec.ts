import { describeServicePlatformContract } from '@cxgenie/testing';
import { coreAiService } from './core-ai.service';

describeServicePlatformContract(coreAiService);
