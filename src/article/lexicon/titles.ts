/** Titles, honorifics and courtesy titles written before a name; offices, their ranks and modifiers; party labels. */
import { words } from './words.js';

/**
 * "Mr", "Mrs": courtesy titles are how a paper addresses someone, not a role. Not HONORIFICS
 * (below): without "dr" and "prof", with "mx", "madam" and "mister". Kept apart: one list
 * would change which words entities.ts leaves out of a role.
 */
export const COURTESY_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'dame', 'madam', 'mister'];

/** Modifiers of a role: "senior", "former", "presidential", "top". */
export const ROLE_MODIFIERS = new Set([
  'top',
  'former',
  'retired',
  'outgoing',
  'acting',
  'leading',
  'ranking',
  'presumptive',
  'incoming',
  'elected',
  'longtime',
  'veteran',
  'chief',
  'deputy',
  'vice',
  'foreign',
  'prime',
  'general',
  'press',
  'campaign',
  'state',
  'defense',
  'defence',
  'interior',
  'finance',
  'justice',
  'health',
  'white',
  'house',
  'party',
  'government',
  'city',
  'police',
  'military',
  'security',
  'intelligence',
  'senior',
  'junior',
  'local',
  'federal',
  'national',
  'opposition',
]);

/** Words that make an office another one: a deputy's, a vice-president's. */
export const RANKS = ['deputy', 'vice', 'assistant', 'associate', 'junior', 'shadow'];

/** Offices one person holds at a time, whose rank words tell their holders apart. */
export const OFFICES = new Set([
  'president',
  'minister',
  'secretary',
  'chancellor',
  'premier',
  'governor',
  'mayor',
  'director',
  'chairman',
  'chairwoman',
  'chair',
  'leader',
  'speaker',
  'commander',
  'chief',
]);

/** Titles written before a name: "President Vladimir Putin", "Sen. Bernie Sanders". */
export const TITLES = words(`
  president vice secretary senator sen rep representative gov governor mayor minister premier
  chancellor king queen prince princess pope judge justice gen general col colonel lt lieutenant
  capt captain sgt sergeant adm admiral cmdr commander maj major dr prof professor mr mrs ms miss
  sir dame lord lady rev reverend father sister brother chief chairman chairwoman chair
  speaker leader ambassador attorney director commissioner deputy sheriff officer detective
  councilman councilwoman congressman congresswoman assemblyman assemblywoman candidate nominee
  former acting interim coach ceo founder host anchor correspondent spokesman spokeswoman
  spokesperson emperor ayatollah sheikh crown
`);

/** Abbreviations written with a dot before a name: "Sen. Mitch McConnell", "U.S. officials". */
export const ABBREVIATED = words('sen rep gov gen dr mr mrs ms jr sr st lt col sgt capt prof rev u.s u.n u.k');

/** Honorifics that say nothing but "a person": left out of names, kept as aliases. */
export const HONORIFICS = words('mr mrs ms miss dr prof sir dame');

/**
 * Party labels written before a name as a description, never part of it: "Republican Donald
 * Trump", "Democrat Hillary Clinton", "GOP Sen. Rand Paul".
 */
export const PARTY_LABELS = words(`
  republican republicans democrat democrats democratic gop independent libertarian
  conservative labour tory liberal socialist`);

/** "R-Utah", "D-N.Y.", "I-Vt": a party initial and a state. */
export const PARTY_TAG = /^[RDI]-\p{Lu}/u;

/** Nouns that name a person by role: "the Turkish president", "a senior official". */
export const ROLE_NOUNS = words(`
  president leader minister secretary senator governor mayor spokesman spokeswoman spokesperson
  official officials chief director chairman chairwoman chair premier chancellor king queen
  prince judge general commander ambassador envoy diplomat adviser advisor aide aides candidate
  nominee lawmaker lawmakers legislator congressman congresswoman representative head boss
  executive ceo founder analyst analysts expert experts researcher researchers economist
  strategist pollster professor scientist doctor lawyer attorney prosecutor source sources
  witness witnesses resident residents activist activists campaigner organizer manager
  spokespeople officer officers police investigator investigators mother father wife husband
  son daughter brother sister friend reporter correspondent columnist editor writer author
  host anchor commentator critic critics supporter supporters voter voters member members
  citizen citizens man woman people worker workers student students teacher employee
  employees owner owners player coach captain team campaign administration government ministry
  department office agency committee council party group company firm military army statement
  report study survey poll court newspaper network magazine website channel outlet
`);

/** Role heads that name the same kind of office. */
export const ROLE_SYNONYMS: string[][] = [
  ['president', 'leader', 'head', 'premier', 'chief'],
  ['spokesman', 'spokeswoman', 'spokesperson', 'spokespeople'],
  ['minister', 'secretary'],
  ['senator', 'lawmaker', 'legislator', 'congressman', 'congresswoman', 'representative'],
  ['candidate', 'nominee'],
  ['adviser', 'advisor', 'aide'],
];

export const GENDERED: Record<string, 'm' | 'f'> = {
  mr: 'm',
  mrs: 'f',
  ms: 'f',
  miss: 'f',
  sir: 'm',
  dame: 'f',
  he: 'm',
  she: 'f',
  king: 'm',
  queen: 'f',
  congressman: 'm',
  congresswoman: 'f',
  spokesman: 'm',
  spokeswoman: 'f',
  chairman: 'm',
  chairwoman: 'f',
  father: 'm',
  mother: 'f',
  husband: 'm',
  wife: 'f',
  son: 'm',
  daughter: 'f',
  prince: 'm',
  princess: 'f',
};

/**
 * A party label that names one member or qualifies a noun: "Democrat", "Republican", "Democratic".
 * The party labels but the plurals and "gop", "labour", "tory".
 */
export const PARTY_MEMBER_WORDS = [...PARTY_LABELS].filter((w) => !['republicans', 'democrats', 'gop', 'labour', 'tory'].includes(w));
