import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { integrationService } from './integration.service';

void runService(integrationService);
