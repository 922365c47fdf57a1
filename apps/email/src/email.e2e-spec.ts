import { describeServicePlatformContract } from '@cxgenie/testing';
import { emailService } from './email.service';

describeServicePlatformContract(emailService);
