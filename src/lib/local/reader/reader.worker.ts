import { expose } from 'comlink';
import { browserPlatform } from '../platform/browser-platform';
import { ReaderService } from './reader-service';

// The worker only exposes the service; the service does the work and has the tests.
expose(new ReaderService(browserPlatform()));
