/**
 * The engine's one model of what an article names: an `Entity` (a person, place or
 * organisation, with every form it goes by), found from `NameSpan`s (each place the text names
 * one). The facts lists are entities; the speakers join them (facts.ts `withSpeakers`), so a
 * person quoted and listed is one entity. The speaker registry's working record of whoever a
 * quote can be given to is a `Referent` (attribution/people.ts); what it resolves becomes a
 * public `Speaker`, and through it an entity.
 */

export type EntityKind = 'person' | 'place' | 'organization';

/** A named entity of the article, canonical, with the other names it goes by. */
export interface Entity {
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** "Turkish leader", "Kremlin spokesperson": the words that introduce a person. */
  roles: string[];
  acronym: string | null;
  /** Offset of the first mention: lists come in the order the article introduces them. */
  first: number;
  mentions: number;
}

/** One place the text names an entity, before canonical names are chosen. */
export interface NameSpan {
  kind: EntityKind;
  text: string;
  start: number;
  end: number;
  role: string | null;
}
