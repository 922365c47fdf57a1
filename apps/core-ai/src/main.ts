import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { coreAiService } from './core-ai.service';

void runService(coreAiService);
