/**
 * Conjunctions, relatives and the other words that open a clause or a phrase of its own, in the
 * sets each step reads. The sets overlap: which openers count differs with what the step looks
 * for, and they are kept as they were (a pure move).
 */

/** Conjunctions that open a later clause of the sentence, between a quote and its cue. */
export const LATER_CLAUSE_OPENERS = new Set(['and', 'but', 'while', 'whereas', 'yet']);

/** Words that open a sentence before its subject. */
export const LEADING_COORDINATORS = new Set(['but', 'and', 'yet', 'so', 'still', 'then', 'now', 'instead']);

/** Words that open a subordinate clause before the main one. */
export const LEADING_SUBORDINATORS = new Set(['when', 'while', 'as', 'although', 'though', 'because', 'since', 'if', 'after', 'before', 'once', 'until']);

/** Relative pronouns that can be a verb of saying's subject. */
export const RELATIVE_SUBJECTS = new Set(['who', 'which']);

/** A clause boundary in the object of a verb of describing ("the statement that he opposed the war as"). */
export const OBJECT_CLAUSE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'when', 'where', 'because', 'if', 'while']);

/** Words that open a clause inside a sentence: its own subject follows. */
export const INNER_CLAUSE_OPENERS = new Set(['that', 'when', 'after', 'because', 'while', 'since', 'although', 'though', 'until', 'once', 'whenever']);

/**
 * Words that open a noun of saying's complement: "claim that", "call for", "promise to". Not
 * "as" ("denounced Trump's remarks as “hurtful”" is the verb's complement), and not the quote
 * itself ("Trump's remarks “have had widespread dissemination”" is said of the remarks).
 */
export const NOUN_COMPLEMENT_OPENERS = new Set(['that', 'to', 'for', 'about']);

/** Relative pronouns that open a clause describing the noun before them. */
export const RELATIVE_OPENERS = new Set(['who', 'whose', 'which', 'whom']);

/** Words before which a determiner opens a clause's subject: "…, and the foundation predicts". */
export const SUBJECT_CLAUSE_OPENERS = new Set([
  'and',
  'but',
  'or',
  'yet',
  'so',
  'while',
  'as',
  'when',
  'that',
  'because',
  'after',
  'before',
  'though',
  'although',
  'where',
  'then',
  'since',
  'if',
  'until',
  'once',
  'whereas',
]);

/** "which was filed", "who represents": relatives that open a clause, not a name or a title. */
export const RELATIVE_WORDS = new Set(['who', 'which', 'whose', 'whom', 'where']);

/** Adverbs set off by commas inside a clause ("Trump, however, said"): they do not end the phrase before them. */
export const INSERTED_ADVERBS = new Set([
  'however',
  'though',
  'meanwhile',
  'too',
  'also',
  'instead',
  'nonetheless',
  'nevertheless',
  'therefore',
  'moreover',
  'furthermore',
  'indeed',
  'meantime',
  'separately',
  'likewise',
  'similarly',
  'then',
  'now',
  'later',
  'earlier',
]);

/** Words that open a clause inside the sentence, each of which takes a finite verb of its own. */
export const FINITE_CLAUSE_OPENERS = ['who', 'which', 'whom', 'whose', 'when', 'while', 'because', 'although', 'though', 'if', 'unless', 'whereas', 'whenever'];

/** Words that open a subordinate clause (or a phrase read as one: "more than", "in a") before the main clause. */
export const SUBORDINATE_OPENERS = [
  'when',
  'as',
  'while',
  'although',
  'though',
  'if',
  'because',
  'since',
  'once',
  'until',
  'unless',
  'whereas',
  'more than',
  'in a',
  'in an',
  'after',
  'before',
];

/** Phrases that open a clause the headline can lose: "…crisis in Syria ahead of talks". */
export const CLAUSE_CUT_WORDS = [
  'ahead of',
  'after',
  'amid',
  'as',
  'while',
  'because',
  'although',
  'though',
  'which',
  'who',
  'when',
  'where',
  'but',
  'and',
  'despite',
  'following',
  'before',
  'since',
  'saying',
  'according to',
  'with',
];

/** Words that open no clause: "Speaking to dignitaries, …", "According to Yahoo News", "him". */
export const NO_CLAUSE_OPENERS = ['according', 'based', 'him', 'her', 'them', 'me', 'us', 'asked'];

/** Words a phrase boundary is cut before (see CUT_BEFORE): after "showing", these end its object. */
export const CUT_WORDS = [
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'over',
  'into',
  'against',
  'under',
  'after',
  'amid',
  'as',
  'while',
  'because',
  'when',
  'where',
  'but',
  'and',
  'despite',
  'following',
  'before',
  'since',
  'with',
  'which',
  'who',
  'whom',
  'whose',
];

/** "ever since" (written with any space), then these: a subordinate clause's subject speaks in no main clause. */
export const SUBORDINATORS = ['since', 'when', 'whenever', 'as', 'after', 'before', 'while', 'if', 'because', 'although', 'though', 'once', 'until', 'unless', 'whereas'];

/** Words that open a phrase of its own, which a line may stop before: a preposition, a conjunction, a relative (and, in phrase-bounds.ts, an adverb in -ly). */
export const ADJUNCT_OPENERS = [
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'over',
  'into',
  'against',
  'by',
  'under',
  'after',
  'amid',
  'as',
  'while',
  'because',
  'although',
  'though',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'but',
  'and',
  'or',
  'despite',
  'following',
  'before',
  'since',
  'saying',
  'according',
  'with',
  'ahead',
  'including',
  'during',
  'among',
  'across',
  'through',
  'near',
  'outside',
  'inside',
  'around',
  'without',
  'until',
  'unless',
  'if',
];

/** Words that head a phrase of their own whatever follows them: the adjunct openers and these prepositions. */
export const ADJUNCT_HEADS = [...ADJUNCT_OPENERS, 'than', 'like', 'about', 'towards', 'toward', 'along', 'throughout', 'beyond', 'within'];

/**
 * Where a sentence starts again with no full stop before it, as when a caption runs into the
 * text ("…a phone possession charge A serving prisoner has been jailed…", "…holding guns It
 * achieved…", "…Julia, 67, right 'I really enjoy myself'"): a lower-case word, then a word
 * that opens sentences and is never capitalised inside one, or a quote mark and a capital.
 */
export const RESTART_WORDS = [
  'A',
  'An',
  'The',
  'It',
  'He',
  'She',
  'They',
  'We',
  'This',
  'These',
  'Those',
  'His',
  'Her',
  'Their',
  'Its',
  'In',
  'On',
  'At',
  'But',
  'And',
  'After',
  'When',
  'While',
];

/**
 * "…to tackle the", "…an explosion that": a headline never ends on a word that needs the next. (compress.ts
 * adds the negative contractions, "can't", "won't", and the titles written with a dot, "Mr.", "Sen.".)
 */
export const DANGLING_TAIL_WORDS = [
  'the',
  'a',
  'an',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'nor',
  'but',
  'with',
  'by',
  'from',
  'about',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'when',
  'where',
  'while',
  'if',
  'than',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'not',
  'may',
  'might',
  'must',
  'can',
  'will',
  'would',
  'could',
  'should',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  'he',
  'she',
  'they',
  'we',
  'it',
  'this',
  'these',
  'those',
  'very',
  'more',
  'most',
  'less',
  'least',
  'too',
  'so',
  'even',
  'just',
  'quite',
  'rather',
  'really',
  'extremely',
  'plus',
  'during',
  'among',
  'across',
  'between',
  'through',
  'toward',
  'towards',
  'via',
  'per',
  'into',
  'onto',
  'amid',
  'upon',
  'despite',
  'including',
  'dubbed',
  'titled',
  'entitled',
  'nicknamed',
  'conjunction',
  'behalf',
  'over',
  'under',
  'after',
  'before',
  'no',
  'also',
  'such',
  'because',
  'although',
  'though',
  'until',
  'since',
  'increasingly',
  'said',
  'says',
  'say',
  'told',
  'how',
  'why',
  'what',
  'whether',
  'according',
  'some',
  'several',
  'each',
  'every',
  'any',
  'many',
  'much',
];

/** Words after a name that go on with the phrase rather than start its verb: "Smith and", "Smith, who", "Bank of". */
export const NAME_CONTINUERS = ['and', 'or', 'nor', 'who', 'which', 'that', 'whose', 'of'];

/** Conjunctions that, after a comma, may open a clause with a subject of its own: ", and", ", but". */
export const CLAUSE_CONJUNCTIONS = new Set(['and', 'but', 'yet', 'while', 'whereas']);

/** Subordinators that may follow such a conjunction: "and though". */
export const AFTER_CONJUNCTION = new Set(['though', 'although', 'because', 'since', 'when', 'if']);

/** Openers of a lead that qualify the news before a comma: "Compared with …,", "On Monday,". */
export const LEAD_OPENERS = [
  'on',
  'in',
  'at',
  'by',
  'for',
  'during',
  'after',
  'before',
  'however',
  'meanwhile',
  'also',
  'but',
  'and',
  'so',
  'yet',
  'still',
  'now',
  'then',
  'earlier',
  'later',
  'last',
  'this',
  'yesterday',
  'today',
  'compared',
  'according',
  'despite',
  'unlike',
  'following',
  'amid',
  'since',
  'until',
];

/** Conjunctions a headline drops when they open it: "But …". */
export const LEADING_CONJUNCTIONS = ['but', 'and', 'so', 'yet'];

/** The same, and the linking adverbs a key fact drops: "Meanwhile, …". */
export const LEADING_LINKERS = [...LEADING_CONJUNCTIONS, 'however', 'meanwhile'];

/** Subordinators whose clause a cut must not leave open: "…because the" . */
export const OPEN_CLAUSE_SUBORDINATORS = ['if', 'when', 'whenever', 'because', 'although', 'though', 'unless', 'whereas', 'once', 'until', 'while'];

/** Conditions a verb of saying may govern: "the report warned if …". */
export const CONDITION_SUBORDINATORS = ['if', 'when', 'whenever', 'unless', 'once'];
