// Plain-JavaScript entry of a pool thread. Worker threads do not run the parent's `--import`
// loaders on Node 20, so the thread registers tsx itself before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./caption-worker.ts');
