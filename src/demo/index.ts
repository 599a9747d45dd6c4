/**
 * The demo company database: a realistic online shop with a few thousand generated people, which
 * later features govern (discovery, data map, data-subject requests). See README.md.
 */
export { parseDemoTarget, describeDemoTarget, type DemoTarget } from './demo.targets.js';
export { provisionDemo, type DemoProgress, type DemoSummary } from './demo.provision.js';
