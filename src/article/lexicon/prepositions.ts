/**
 * Prepositions, in the sets each step reads. A step that asks "does a preposition stand here?"
 * reads its own set: which prepositions count differs with what the step looks for, and the
 * sets are kept as they were (a pure move), so they overlap.
 */

/** "a blunt message to Trump:", "celebrated the attacks on Twitter:": the object of these prepositions is addressed, not speaking. */
export const OBJECT_PREPOSITIONS = new Set(['to', 'on', 'at', 'in', 'before', 'after', 'with', 'for', 'by', 'about', 'into', 'of', 'via', 'against', 'toward', 'towards']);

/** Prepositions before a capitalised run that make it a place: "in Idlib", "from Tehran". */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'across', 'into', 'outside', 'inside', 'toward', 'towards']);

/** "in Sochi", "from Tehran": a capitalised name after these is a place compromise may miss. As PLACE_PREPOSITIONS, and "to". */
export const PLACE_CUE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'to', 'into', 'across', 'outside', 'inside', 'toward', 'towards']);

/** Prepositions whose object is rarely what a later pronoun in the sentence stands for. */
export const OBLIQUE_PREPOSITIONS = new Set(['for', 'to', 'of', 'with', 'against', 'about', 'from', 'at', 'in', 'on', 'by', 'toward', 'towards', 'over']);

/** "who has in the past described": a phrase after these is a prepositional object, not the whole subject of the verb after it. */
export const COMPLEMENT_PREPOSITIONS = new Set(['in', 'on', 'at', 'of', 'from', 'with', 'by', 'for', 'to', 'into', 'during', 'after', 'before', 'about']);

/** "Trump in his announcement speech called …", "Sanders on Thursday told …": prepositions that open a short phrase of where or when between a subject and its verb. */
export const ADJUNCT_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'over', 'with', 'from', 'through']);

/** Prepositions that take a noun phrase as object ("of" is left out: "one of the officials said"). */
export const NOUN_PHRASE_PREPOSITIONS = new Set([
  'in',
  'on',
  'at',
  'from',
  'with',
  'by',
  'for',
  'to',
  'into',
  'during',
  'after',
  'before',
  'about',
  'under',
  'over',
  'through',
  'via',
  'against',
  'between',
  'among',
  'without',
  'within',
]);

/** Prepositions compromise's lexicon files under other tags ("against" as an adjective). */
export const LOOSE_PREPOSITIONS = [
  'against',
  'beyond',
  'within',
  'without',
  'behind',
  'beside',
  'beneath',
  'below',
  'above',
  'unlike',
  'versus',
  'toward',
  'towards',
  'before',
  'over',
];

/** Prepositions that open a modifier of a noun: "rating | in the latest poll", "performance | just days before …". */
export const MODIFIER_PREPOSITIONS = [
  'in',
  'at',
  'on',
  'during',
  'from',
  'for',
  'with',
  'before',
  'after',
  'since',
  'amid',
  'over',
  'across',
  'inside',
  'outside',
  'near',
  'around',
  'under',
  'between',
  'among',
  'about',
];

/** "Under a gray sky that seemed…, Mr. Obama warned": prepositions that open a phrase of place or time before the subject. */
export const LEADING_PLACE_PREPOSITIONS = [
  'in',
  'on',
  'at',
  'under',
  'over',
  'during',
  'after',
  'before',
  'with',
  'without',
  'amid',
  'despite',
  'from',
  'for',
  'within',
  'across',
  'inside',
  'outside',
  'beyond',
  'behind',
];

/** Weaker boundaries, taken only when no clause boundary fits: "…crisis | in Syria". */
export const WEAK_CUT_PREPOSITIONS = ['in', 'on', 'at', 'to', 'for', 'of', 'from', 'over', 'into', 'against', 'by', 'under'];

/** "Caddell said in an interview…", "As a summer associate…, Lynch said": where or when, not what. */
export const NOT_A_CLAIM_OPENERS = ['in', 'on', 'at', 'during', 'to', 'of', 'for', 'with', 'by', 'from', 'after', 'before', 'about', 'as', 'while', 'when', 'it', 'this'];

/** "on Monday", "since September 7": the preposition belongs to the sentence, not the date. */
export const DATE_PREPOSITIONS = ['on', 'in', 'at', 'by', 'for', 'since', 'from', 'until', 'till', 'before', 'after', 'during', 'of', 'last', 'this'];

/** Prepositions that open a participle clause before the main one: "In declaring …,", "After saying …,". */
export const PARTICIPLE_OPENERS = new Set(['in', 'by', 'after', 'before', 'while', 'when', 'since', 'upon']);

/** Prepositions that with a gerund open a phrase, not a clause: "In being compared with …". */
export const GERUND_PREPOSITIONS = ['in', 'on', 'by', 'without', 'despite', 'upon'];

/** "in Sochi", "from the UK": prepositions before a capitalised name that may be a place. */
export const PLACING_PREPOSITIONS = ['in', 'at', 'from', 'near', 'into'];
