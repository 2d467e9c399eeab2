import { startFactoriesAgain } from '../factories/per-file';

// Before each integration file, in its worker's shared module graph (see tests/factories/per-file.ts).
startFactoriesAgain();
