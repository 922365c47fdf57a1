import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { CoreAiModule } from './core-ai.module';

void runService('core-ai', (config) => CoreAiModule.register(config));
