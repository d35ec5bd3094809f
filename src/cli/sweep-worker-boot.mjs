// Worker-thread entry for `npm run sweep`: registers tsx's loader in this thread, then loads the
// TypeScript worker (Node 20 does not pass a parent's --import loader hooks on to worker threads).
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
