import nlp from 'compromise';

/**
 * What compromise's lexicon knows about a single word, looked up without running its tagger
 * (a table lookup: free beside reading the article). It knows the common words of English by
 * part of speech and thousands of first names by gender: enough to tell "Already", "Four" or
 * "Given" from a name, and "Donald" from "Hillary", with no word list of our own.
 */
const LEXICON = (nlp.world() as unknown as { model: { one: { lexicon: Record<string, string | string[] | undefined> } } }).model.one.lexicon;

const tagsOf = (lower: string): string[] => {
  const tags = Object.prototype.hasOwnProperty.call(LEXICON, lower) ? LEXICON[lower] : undefined;
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
};

/** Tags that make a word a name, whatever else it may be ("Mark", "Rose", "Bush"). */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific', 'Place', 'Country', 'City', 'Region', 'Organization', 'ProperNoun']);
/** Parts of speech no person is named by: adverbs, numbers, determiners, verb forms, adjectives. */
const FUNCTION_TAGS = new Set([
  'Adverb', 'Determiner', 'Value', 'TextValue', 'Cardinal', 'Ordinal', 'Participle', 'Gerund', 'PastTense', 'Infinitive',
  'PresentTense', 'Modal', 'Auxiliary', 'Copula', 'Preposition', 'Conjunction', 'Pronoun', 'QuestionWord', 'Adjective',
  'Comparative', 'Superlative', 'Duration', 'Demonym', 'Expression', 'Negative', 'Plural',
]);
/** Nouns of a person's description that stand before a name: "Councillor", "Texan", "Former". */
const DESCRIPTOR_TAGS = new Set(['Adjective', 'Demonym', 'Actor']);

const isName = (tags: string[]): boolean => tags.some((t) => NAME_TAGS.has(t));

/** A word of the language that names no one ("already", "four", "given", "whatever"). */
export function isFunctionWord(lower: string): boolean {
  const tags = tagsOf(lower);
  return !isName(tags) && tags.some((t) => FUNCTION_TAGS.has(t));
}

/** A common noun (in the lexicon, and no name): "back", "transcript" are, "Bush" is not. */
export function isCommonNoun(lower: string): boolean {
  const tags = tagsOf(lower);
  return tags.length > 0 && !isName(tags);
}

/** A word that describes a person before the name: "Republican", "Texan", "Councillor". */
export function isDescriptor(lower: string): boolean {
  const tags = tagsOf(lower);
  return !isName(tags) && tags.some((t) => DESCRIPTOR_TAGS.has(t));
}

/** The gender a first name has in the lexicon ("Donald" m, "Hillary" f), or null. */
export function firstNameGender(lower: string): 'm' | 'f' | null {
  const tags = tagsOf(lower);
  if (tags.includes('MaleName')) return 'm';
  return tags.includes('FemaleName') ? 'f' : null;
}

/** A first name the lexicon knows: "Larry" in "Larry King" makes "King" a surname. */
export function isFirstName(lower: string): boolean {
  return tagsOf(lower).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');
}

const VERB_TAGS = new Set(['PresentTense', 'PastTense']);

/** A verb form and no name: "Slams", "Defended" in a headline's run of capitals. */
export function isVerbForm(lower: string): boolean {
  const tags = tagsOf(lower);
  return !isName(tags) && tags.some((t) => VERB_TAGS.has(t));
}
