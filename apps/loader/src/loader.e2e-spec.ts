import { describeServicePlatformContract } from '@cxgenie/testing';
import { loaderService } from './loader.service';

describeServicePlatformContract(loaderService);
