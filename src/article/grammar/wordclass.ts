import nlp from 'compromise';

/**
 * What compromise's lexicon knows about a single word, looked up without running its tagger
 * (a table lookup: free beside reading the article). It knows the common words of English by
 * part of speech and thousands of first names by gender: enough to tell "Already", "Four" or
 * "Given" from a name, and "Donald" from "Hillary", with no word list of our own.
 */
const LEXICON = (nlp.world() as unknown as { model: { one: { lexicon: Record<string, string | string[] | undefined> } } }).model.one.lexicon;

/** Tags that make a word a name, whatever else it may be ("Mark", "Rose", "Bush"). */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific', 'Place', 'Country', 'City', 'Region', 'Organization', 'ProperNoun']);
/** Parts of speech no person is named by: adverbs, numbers, determiners, verb forms, adjectives. */
const FUNCTION_TAGS = new Set([
  'Adverb',
  'Determiner',
  'Value',
  'TextValue',
  'Cardinal',
  'Ordinal',
  'Participle',
  'Gerund',
  'PastTense',
  'Infinitive',
  'PresentTense',
  'Modal',
  'Auxiliary',
  'Copula',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'QuestionWord',
  'Adjective',
  'Comparative',
  'Superlative',
  'Duration',
  'Demonym',
  'Expression',
  'Negative',
  'Plural',
]);
/** Nouns of a person's description that stand before a name: "Councillor", "Texan", "Former". */
const DESCRIPTOR_TAGS = new Set(['Adjective', 'Demonym', 'Actor']);
const VERB_TAGS = new Set(['PresentTense', 'PastTense']);

const KNOWN = 1;
const NAME = 2;
const FUNCTION = 4;
const DESCRIPTOR = 8;
const VERB = 16;
const FIRST = 32;
const MALE = 64;
const FEMALE = 128;
const PREPOSITION = 256;

/** Each lexicon word's class bits, computed once; a word the lexicon lacks is 0 and is not kept. */
const classes = new Map<string, number>();

function classOf(lower: string): number {
  const cached = classes.get(lower);
  if (cached !== undefined) return cached;
  const entry = Object.prototype.hasOwnProperty.call(LEXICON, lower) ? LEXICON[lower] : undefined;
  if (entry === undefined) return 0;
  const tags = Array.isArray(entry) ? entry : [entry];
  let bits = KNOWN;
  for (const t of tags) {
    if (NAME_TAGS.has(t)) bits |= NAME;
    if (FUNCTION_TAGS.has(t)) bits |= FUNCTION;
    if (DESCRIPTOR_TAGS.has(t)) bits |= DESCRIPTOR;
    if (VERB_TAGS.has(t)) bits |= VERB;
    if (t === 'FirstName' || t === 'MaleName' || t === 'FemaleName') bits |= FIRST;
    if (t === 'MaleName') bits |= MALE;
    if (t === 'Preposition' || t === 'Conjunction') bits |= PREPOSITION;
    if (t === 'FemaleName') bits |= FEMALE;
  }
  // Bounded by the lexicon's size: only its words are kept.
  classes.set(lower, bits);
  return bits;
}

const notName = (bits: number, want: number): boolean => (bits & NAME) === 0 && (bits & want) !== 0;

/** A word of the language that names no one ("already", "four", "given", "whatever"). */
export const isFunctionWord = (lower: string): boolean => notName(classOf(lower), FUNCTION);

/** A common noun (in the lexicon, and no name): "back", "transcript" are, "Bush" is not. */
export const isCommonNoun = (lower: string): boolean => notName(classOf(lower), KNOWN);

/** A word that describes a person before the name: "Republican", "Texan", "Councillor". */
export const isDescriptor = (lower: string): boolean => notName(classOf(lower), DESCRIPTOR);

/** A verb form and no name: "Slams", "Defended" in a headline's run of capitals. */
export const isVerbForm = (lower: string): boolean => notName(classOf(lower), VERB);

/** A preposition or conjunction and no name: "Despite", "With", "Across". */
export const isPreposition = (lower: string): boolean => notName(classOf(lower), PREPOSITION);

/** A first name the lexicon knows: "Larry" in "Larry King" makes "King" a surname. */
export const isFirstName = (lower: string): boolean => (classOf(lower) & FIRST) !== 0;

/** The gender a first name has in the lexicon ("Donald" m, "Hillary" f), or null. */
export function firstNameGender(lower: string): 'm' | 'f' | null {
  const bits = classOf(lower);
  return bits & MALE ? 'm' : bits & FEMALE ? 'f' : null;
}
