/** The daily briefing: the digest, its delivery exactly once, and the per-guild scheduler. */
export { buildBriefing, briefingOf, type Briefing, type BriefingItem } from './build-briefing.js';
export { BriefingPostError, type BriefingPoster, type BriefingPostRequest, type PostedParts } from './briefing-poster.js';
export { createBriefingService, type BriefingService } from './briefing-service.js';
export { createDeliverer, describeDelivery, type Deliverer, type DeliveryOutcome } from './deliver.js';
export { startScheduler, cronExpression, type Scheduler, type SchedulerOptions } from './scheduler.js';
export { SettingsEvents } from './settings-events.js';
