import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { emailService } from './email.service';

void runService(emailService);
