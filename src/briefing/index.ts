/** The daily briefing: the digest, its delivery exactly once, and the per-guild scheduler. */
export { buildBriefing, briefingOf, type Briefing, type BriefingItem } from './build-briefing.js';
export { createDeliverer, describeDelivery, type DeliveryOutcome } from './deliver.js';
export { startScheduler, cronExpression, type Scheduler, type SchedulerOptions } from './scheduler.js';
export { announceSettingsChanged } from './settings-events.js';
