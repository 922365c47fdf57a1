import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { LoaderModule } from './loader.module';

void runService('loader', (config) => LoaderModule.register(config));
