import type { Mention } from './mentions.js';

/** An attribution: the verb of saying and the phrase that names the speaker. */
export interface Cue {
  verb: number;
  mention: Mention;
  /** Characters between the quote and the attribution: the nearest one wins. */
  distance: number;
}
