import { expose } from 'comlink';
import { ReadModel } from '$lib/db/read-model';
import { ReadingModel } from '$lib/db/reading-model';
import { QueryService } from './query-service';

// The worker only exposes the service; the service does the work and has the tests.
expose(new QueryService(new ReadModel(), new ReadingModel()));
