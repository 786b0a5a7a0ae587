// Unit tests run the training core in Node (no DOM, no GPU) on the backend the experiment
// scripts use, with the project's kernels installed: wasm by default, BACKEND=cpu for the other.
import { nodeBackendFromEnv, startNodeBackend } from '../node/backend';

await startNodeBackend(nodeBackendFromEnv());
