// Built by wrangler after `npm run build:content` (see wrangler.toml); not part of `tsc -p .`.
// The migrations journal goes in too: the worker compares it with the database at start.
import source from '../dist/content-source.json';
import journal from '../drizzle/meta/_journal.json';
import { createWorker } from './worker.js';

export default createWorker(source, journal);
