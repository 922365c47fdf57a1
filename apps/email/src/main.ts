import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { emailServiceWith } from './email.service';

// The SMTP receiver's event loop is kept for receiving: mail is read in a thread of its own.
void runService(emailServiceWith('own-thread'));
