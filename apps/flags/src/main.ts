import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { FlagsModule } from './flags.module';

void runService('flags', (config) => FlagsModule.register(config));
