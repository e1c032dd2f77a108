/**
 * `briefing start` in a process of its own, for the fault tests: the real CLI, its signal
 * handling and its shutdown, configured by the environment like any start, with the delivery
 * timings shortened (`BRIEFING_TEST_DELIVERY`, JSON) so a killed owner's lease runs out in a
 * second rather than thirty.
 */
import { main } from '../../src/cli.js';
import type { DeliveryOptions } from '../../src/main.js';

const delivery = JSON.parse(process.env.BRIEFING_TEST_DELIVERY ?? '{}') as DeliveryOptions;
// `start` unless told otherwise (`start --shards auto`); the shard processes that one starts run this file again
const argv = process.argv.length > 2 ? process.argv.slice(2) : ['start'];
const code = await main(argv, { env: process.env, delivery });
process.exit(code);
