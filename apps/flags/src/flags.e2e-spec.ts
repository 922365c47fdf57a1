import { describeServicePlatformContract } from '@cxgenie/testing';
import { flagsService } from './flags.service';

describeServicePlatformContract(flagsService);
