import { DETERMINERS } from './lexicon.js';

/** Determiners, pronouns and the words that count or measure a group, in the sets each step reads. */

/** Pronouns in the object case: "told him", "asked them". */
export const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'me', 'us', 'it', 'itself', 'himself', 'herself', 'themselves']);

/** Adverbs that compromise may read as nouns ("sometimes" looks plural): they head no subject. */
export const NOUN_LIKE_ADVERBS = new Set([
  'sometimes',
  'often',
  'always',
  'usually',
  'never',
  'also',
  'still',
  'now',
  'then',
  'once',
  'again',
  'soon',
  'already',
  'even',
  'just',
  'too',
]);

/** The number words from two to ten, which every list of counting words holds. */
export const SMALL_NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** The possessive determiners: "his", "their", "your". */
export const POSSESSIVE_DETERMINERS = ['his', 'her', 'their', 'its', 'our', 'my', 'your'];

/** Number words that count the noun after them: "two officials", "a dozen aides". */
export const COUNT_WORDS = new Set([...SMALL_NUMBERS, 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'dozen']);

/** Words that count a group: "two officials", "several aides". */
export const GROUP_COUNTS = new Set(['two', 'three', 'four', 'five', 'several', 'some', 'many', 'both', 'few', 'other', 'dozens', 'hundreds']);

/** Words before "of" that count a group rather than head the phrase: "a number of Democrats". */
export const QUANTIFIERS = new Set([
  'number',
  'couple',
  'group',
  'lot',
  'handful',
  'dozens',
  'hundreds',
  'thousands',
  'millions',
  'most',
  'all',
  'many',
  'none',
  'each',
  'both',
  'several',
  'few',
]);

/** Words that measure a share of a group: "31 percent of Republicans", "a majority of voters". */
export const SHARES = new Set(['percent', '%', 'majority', 'plurality', 'half', 'third', 'thirds', 'quarter', 'fifth']);

/** Determiners before an adjective or a noun: "the | newly elected", "his | campaign". */
export const DETERMINER_WORDS = ['a', 'an', 'the', 'this', 'that', 'these', 'those', ...POSSESSIVE_DETERMINERS];

/** A subordinate clause's own subject: "after she found…" is no modifier to drop. */
export const SUBJECT_PRONOUNS = ['he', 'she', 'they', 'we', 'i', 'it'];

/** Words after which a word is a noun, not a verb: "his support", "of stories", "sexual assaults". */
export const NOUN_CONTEXT_WORDS = [...DETERMINER_WORDS, 'of', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'after', 'before', 'into', 'over', 'under', 'to'];

/** Determiners but the possessive ones ("his", "their"): they open a noun phrase that may be a clause's subject, "…, and the foundation predicts". */
export const NON_POSSESSIVE_DETERMINERS = new Set([...DETERMINERS].filter((w) => !['his', 'her', 'their', 'its', 'our'].includes(w)));

/** "…to put | the Tynesiders", "…outlined | some of these risks": what follows is the verb's object. */
export const OBJECT_OPENERS = ['a', 'an', 'the', 'this', 'these', 'those', ...POSSESSIVE_DETERMINERS, 'some', 'many', 'several', 'any', 'each', 'every', 'all', 'both', 'no'];

/** What opens the complement of a verb: a clause ("concluded | he was"), an agent ("plagued | by"), an object. */
export const COMPLEMENT_OPENERS = [...OBJECT_OPENERS, 'he', 'she', 'they', 'we', 'it', 'him', 'them', 'that', 'of', 'as'];

/** Numbers written in words, and the phrases of a vague count: "five", "hundreds", "a dozen". */
export const NUMBER_WORDS = [...SMALL_NUMBERS, 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundreds', 'thousands', 'millions', 'dozens', 'a dozen'];

/** "… says many apprenticeships are…": a clause after "says" starts in lower case unless it starts with a name. */
export const LOWER_CASE_LEADS = [
  'The',
  'A',
  'An',
  'There',
  'Its',
  'It',
  'Many',
  'Most',
  'Some',
  'All',
  'More',
  'Several',
  'Few',
  'No',
  'This',
  'These',
  'Those',
  'Their',
  'His',
  'Her',
  'Our',
  'Both',
  'Each',
  'Every',
  'Half',
  'Any',
  'Such',
  'Other',
  'Only',
  'Nearly',
  'About',
  'Almost',
];

/** "12ft", "50p", "10million": a unit written onto the figure belongs to it. */
export const UNIT_SUFFIXES = ['ft', 'm', 'km', 'kg', 'g', 'lb', 'lbs', 'p', 'bn', 'million', 'billion', 'mph', 'ml', 'cm', 'mm', 'in', 'oz', 'k'];

/** "10th", "21st", "1990s": ordinals and decades are no counts. */
export const ORDINAL_SUFFIXES = ['th', 'st', 'nd', 'rd', 's'];

/** Subject pronouns whose verb takes its bare form: "they say". */
export const BARE_FORM_PRONOUNS = ['i', 'we', 'they', 'you'];

/** Subjects whose present verb ends in -s: "he says", "which shows". */
export const S_FORM_SUBJECTS = ['he', 'she', 'it', 'this', 'that', 'who', 'which'];

/** Pronouns of one person: "he", "his". */
export const SINGULAR_PERSON_PRONOUNS = ['he', 'she', 'his', 'her'];

/** Pronouns of a group: "they", "our". */
export const PLURAL_PERSON_PRONOUNS = ['they', 'their', 'we', 'our'];

/** Determiners that make a count part of a noun phrase: "the five", "those three". */
export const DEFINITE_DETERMINERS = ['the', 'these', 'those'];

/** "what the New York Times and Los Angeles Times each called": a quantifier after the subject, before its verb. */
export const FLOATING_QUANTIFIERS = new Set(['each', 'both']);

/** Words that open a clause's subject after a cut or a comma: "…, he said", "this is". */
export const CLAUSE_SUBJECT_WORDS = ['he', 'she', 'they', 'it', 'we', 'i', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its'];

/** A main clause's first word after a subordinate clause, besides a capitalised one: "the …", a pronoun. */
export const MAIN_CLAUSE_WORDS = ['the', 'a', 'an', 'he', 'she', 'they', 'it', 'we', 'i', 'his', 'her', 'their', 'its'];

/** Words that open an aside between commas: ", a former aide,", ", who …,". */
export const ASIDE_OPENERS = ['a', 'an', 'the', 'who', 'which', 'whose'];

/** The same for a short aside, which may also be an adverb of time or "including": ", now 70,". */
export const SHORT_ASIDE_OPENERS = [...ASIDE_OPENERS, 'now', 'once', 'then', 'including'];

/** Object pronouns a whole sentence may end on: "…Bernie Sanders is against it". */
export const FINAL_OBJECT_PRONOUNS = ['it', 'them', 'him'];

/** Question words that alone make no speaker: "who said". */
export const QUESTION_WORDS = ['who', 'what', 'which'];

/** Words after a subordinator that keep it from opening a clause: "since then", "when that". */
export const NOT_A_CLAUSE_AFTER = ['then', 'that', 'this', 'which', 'now'];
