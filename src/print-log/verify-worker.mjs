// One pass of `verifyChainFile` on a thread of its own: TypeScript through tsx, as the CLI runs.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker-task.ts');
