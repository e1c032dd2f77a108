/**
 * Verb forms the grammar steps read by list: auxiliaries, irregular pasts and participles, particles,
 * and the words that mark a clause as looking ahead or back. (The verbs of saying are in lexicon.ts.)
 */

/**
 * Auxiliaries that agree with any subject (not "be", "been", "being", "am"): they open a reported
 * clause ("said the candidate could win") and make a coordinated clause finite (", and … had placed").
 */
export const CLAUSE_AUXILIARIES = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'did',
  'does',
  'do',
]);

/** Auxiliaries (and "not") of the verb group after a counted noun: "five people [were not] trapped". */
export const VERB_GROUP_AUXILIARIES = new Set([
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'can',
  'may',
  'might',
  'must',
  'should',
  'did',
  'do',
  'does',
  'not',
]);

/** Verbs in their base or participle form that take an infinitive: "is going to say", "was able to call". */
export const INFINITIVE_HEADS = new Set(['want', 'have', 'going', 'able', 'trying', 'seem', 'appear', 'decide', 'refuse', 'need']);

/** Common irregular past tenses: "The billionaire businessman began …". */
export const IRREGULAR_PAST = new Set([
  'began',
  'shot',
  'hit',
  'cut',
  'took',
  'made',
  'gave',
  'went',
  'came',
  'saw',
  'got',
  'kept',
  'left',
  'held',
  'brought',
  'thought',
  'felt',
  'met',
  'ran',
  'won',
  'lost',
  'spoke',
  'sent',
  'led',
  'stood',
  'paid',
  'built',
  'became',
  'chose',
  'drew',
  'fell',
  'fought',
  'grew',
  'heard',
  'knew',
  'meant',
  'rose',
  'sold',
  'struck',
  'threw',
  'understood',
]);

/** Words after which a word is read as a verb with its object: "decided to", "took the", "gave up". Not "that": "a series of online postings that included …" is a noun and its relative clause. */
export const VERB_NEXT = new Set(['to', 'the', 'a', 'an', 'his', 'her', 'their', 'its', 'him', 'them', 'it', 'up', 'out', 'back']);

/** Common irregular past participles: "sent to Clinton", "known as". Read like the -ed and -en forms. */
export const IRREGULAR_PARTICIPLES = new Set([
  'sent',
  'known',
  'written',
  'given',
  'taken',
  'shown',
  'seen',
  'chosen',
  'found',
  'told',
  'brought',
  'caught',
  'set',
  'put',
  'hit',
  'cut',
  'run',
  'done',
]);

/** Words that follow an opening participle but never a name and its verb: "Declaring that …". */
export const PARTICIPLE_OBJECTS = new Set([
  'that',
  'one',
  'the',
  'a',
  'an',
  'his',
  'her',
  'their',
  'its',
  'our',
  'to',
  'by',
  'with',
  'about',
  'on',
  'in',
  'at',
  'for',
  'from',
  'after',
  'before',
  'during',
  'under',
  'as',
  'into',
  'through',
  'over',
  'up',
  'out',
]);

/** "blurted out “…”": particles between a verb and the quote that is its object. */
export const SPEECH_PARTICLES = new Set(['out', 'back', 'up', 'in']);

/** Particles of a phrasal verb: "gave | up", "pulled | out". */
export const VERB_PARTICLES = ['up', 'out', 'off', 'down', 'away', 'back'];

/** "will meet", "is scheduled to", "plans to", "would appear": the clause looks ahead. */
export const FUTURE_WORDS = ['will', 'shall', 'll', 'would', 'scheduled', 'upcoming', 'plans', 'plan', 'planning', 'expected', 'due', 'set', 'slated', 'going'];

/** "will be filed", "to be released", "would be held": a participle after these is a passive ahead, not a past. */
export const FUTURE_BE_WORDS = ['will', 'shall', 'll', 'would', 'to'];

/** "is to appear", "are to meet": an arrangement ahead. */
export const PRESENT_BE_FORMS = ['is', 'are', 'am'];

/**
 * Common past forms whose clause looks back: "said", "met", "was". (dates.ts adds the regular
 * -ed forms and the -eed words whose stem ends in -ee: "agreed", "freed".)
 */
export const PAST_FORMS = [
  'said',
  'told',
  'was',
  'were',
  'had',
  'did',
  'met',
  'spoke',
  'went',
  'came',
  'took',
  'gave',
  'held',
  'began',
  'won',
  'lost',
  'made',
  'wrote',
  'left',
  'sent',
  'saw',
  'became',
  'brought',
  'found',
  'fell',
  'rose',
  'got',
  'ran',
  'struck',
  'signed',
];

/** Verbs that make a clause finite on their own: "Ted Cruz is endorsing". (verbs.ts adds the contracted pronouns: "he's", "they're".) */
export const FINITE_AUXILIARIES = [
  'is',
  'are',
  'was',
  'were',
  'am',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'must',
  'shall',
  'should',
];

/** Words after which a lower-case word is a verb: "not", "will", "can" (and any "-n't": "doesn't"). */
export const VERB_GOVERNING_WORDS = ['not', 'never', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'did', 'does', 'do'];

/** The forms of "be": "are | likely showing" is a progressive verb. */
export const BE_FORMS = ['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am'];

/** Auxiliaries that agree with a singular subject only. */
export const SINGULAR_AUXILIARIES = ['is', 'was', 'has', 'does'];

/** The forms of "have". */
export const HAVE_FORMS = ['has', 'have', 'had'];

/** Past participles of verbs of saying that do not end in -ed: "was told", "were found". */
export const IRREGULAR_SPEECH_PARTICIPLES = new Set(['told', 'found', 'shown', 'written', 'heard', 'said']);

/** The forms of "be" before a passive participle: "was found", "is said". */
export const PASSIVE_BE_FORMS = ['was', 'were', 'is', 'are', 'be', 'been', 'being'];

/** Words a speaker phrase never ends on: a copula or "it" ("…, it is"). */
export const NOT_SPEAKER_END_WORDS = ['is', 'was', 'are', 'were', 'be', 'been', 'being', 'it', 'has', 'had', 'have'];

/** Modal verbs: the word after one is a verb. */
export const MODALS = ['will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'shall'];

/** Words after which the next word is a verb wanting its object: "to put", "will win", "did say". */
export const VERB_BEFORE_WORDS = ['to', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'do', 'does', 'did'];

/** Linking verbs that take an infinitive complement: "were due to", "seems to". */
export const LINKING_VERBS = ['is', 'are', 'was', 'were', 'be', 'been', 'being', 'seem', 'seems', 'seemed', 'appear', 'appears', 'appeared'];

/** Finite verbs after "the X" that make X a noun, not a reporting verb's subject: "the Post has". */
export const NOUN_BEFORE_VERBS = ['has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would'];
