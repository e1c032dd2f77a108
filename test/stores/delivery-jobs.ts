/** Delivery jobs as the deliverer leaves them, for tests that start from a given log. */
import { endOfDay } from '../../src/briefing/deliver.js';
import type { Delivery, DeliveryStore } from '../../src/library/types.js';

export const TEST_LEASE_MS = 30_000;

/** Creates the job of `guildId`'s `day` and claims it as `owner`: a delivery begun (by a process that may since have died). */
export async function claimDay(
  deliveries: DeliveryStore,
  guildId: string,
  day: string,
  articleIds: number[],
  options: { owner?: string; timezone?: string } = {},
): Promise<Delivery> {
  await deliveries.createDelivery({ guildId, localDate: day, articleIds, deadlineAt: endOfDay(day, options.timezone ?? 'UTC') });
  const claimed = await deliveries.claimDelivery(guildId, day, options.owner ?? 'a-process-since-killed', TEST_LEASE_MS);
  if (!claimed) throw new Error(`${guildId}/${day} could not be claimed`);
  return claimed;
}

/** A day delivered (or failed) by `owner`, start to end. */
export async function settleDay(
  deliveries: DeliveryStore,
  guildId: string,
  day: string,
  articleIds: number[],
  result: { status: 'sent' | 'failed'; messageIds?: string[]; error?: string },
): Promise<void> {
  const { owner } = await claimDay(deliveries, guildId, day, articleIds);
  await deliveries.finishDelivery(guildId, day, owner!, result);
}
