import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { flagsService } from './flags.service';

void runService(flagsService);
