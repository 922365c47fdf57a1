import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { EmailModule } from './email.module';

void runService('email', (config) => EmailModule.register(config));
