/**
 * Lower-case words that live inside names: particles of surnames ("de Blasio", "von der Leyen")
 * and the joining words of titles and bodies ("Secretary of State", "Bank of England"). Each
 * step reads names at a different grain, so the lists differ on purpose; each says how.
 */
import { words } from './words.js';

/** Connectors inside names: "Secretary of State", "Hayat Tahrir al-Sham", "Ursula von der Leyen". */
export const NAME_CONNECTORS = words('of de del der la le al bin ibn von van da di du dos');

/**
 * Particles that belong to a surname: "Bill de Blasio" is "de Blasio", not "Blasio". The name
 * connectors but "of", which joins a title to its office, never a surname to its particle.
 */
export const SURNAME_PARTICLES = new Set([...NAME_CONNECTORS].filter((w) => w !== 'of'));

/**
 * Inside a name, only these lower-case words may join capitalised ones: "Bank of England". Not
 * NAME_CONNECTORS: "for", "and", "the" are in ("Bureau of Alcohol, Tobacco and Firearms"), and
 * "der", "le", "ibn", "da", "di", "dos" are out. Kept apart: one list would change which runs of
 * capitals are read as one name.
 */
export const NAME_JOINING_WORDS = ['of', 'for', 'and', 'de', 'du', 'la', 'del', 'van', 'von', 'bin', 'al', 'the'];

/**
 * Lower-case words that live inside the expansion of an acronym: "Bank of England (BoE)". As
 * NAME_JOINING_WORDS, but with "on" and "in" ("Conference on Disarmament") and without "bin" and
 * "al" ("al-Sham" is read as a hyphened prefix there). Kept apart: one list would change which
 * expansions an acronym is matched with.
 */
export const ACRONYM_INNER_WORDS = ['of', 'for', 'and', 'the', 'de', 'du', 'la', 'del', 'van', 'von', 'on', 'in'];

/**
 * "dealer Art | of the Past", "Bank | of England": a compressed line does not stop before these
 * when a capital follows, for the name runs on through them. Only the particles that are also in
 * NAME_JOINING_WORDS, and none of its clause words ("for", "and"). Kept apart: one list would
 * change where headlines are cut.
 */
export const NAME_RUN_ON_WORDS = ['of', 'de', 'del', 'du', 'la', 'van', 'von'];
