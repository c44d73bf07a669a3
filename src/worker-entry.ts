// Built by wrangler after `npm run build:content` (see wrangler.toml); not part of `tsc -p .`.
import source from '../dist/content-source.json';
import { createWorker } from './worker.js';

export default createWorker(source);
