// The project root, for scripts and tests: the one the app finds (src/project-paths.ts), under the name they use.
export { PROJECT_ROOT as ROOT } from '../../src/project-paths.js';
