import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { loaderService } from './loader.service';

void runService(loaderService);
