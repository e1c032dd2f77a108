/**
 * Closed-class word lists the rules read: the verbs of saying and the words around them (sources
 * that speak, participles, fillers, pronouns, determiners, the words that break a subject phrase
 * or never start a name). Other topics have their own files beside this one (titles.ts,
 * calendar.ts, prepositions.ts, …). These are words of the language, not names of people or
 * places: the rules generalise to unseen articles.
 */
import { words } from './words.js';

/**
 * The one list of verbs of saying: every step that reads an attribution takes its verbs from
 * here. REPORTING_VERBS only ever report speech ("said", "told", "wrote"): any noun phrase
 * before them is a speaker, and they mark an attribution clause in a sentence. Forms that are
 * nouns as often ("reports", "claims") are verbs of saying only in SPEECH_VERBS.
 */
export const REPORTING_VERBS = words(`
  said says say told tells added adds asked asks replied replies explained explains wrote
  writes exclaimed responded responds continued insisted insists noted stated declared tweeted
  answered warned warns stressed argued argues announced announces claimed reported confirmed`);

/**
 * "NATO said", "the OSCE reported": verbs of saying after a run of capitals that make it the name
 * of a body. Five of the REPORTING_VERBS; kept apart, for the whole list would change which
 * runs of capitals are read as a body.
 */
export const ACRONYM_SPEECH_VERBS = ['said', 'says', 'told', 'reported', 'announced'];

/**
 * Verbs of describing: what they govern in quote marks is the subject's words for someone or
 * something ("referred to her as “the Devil”", "accused Trump of …", "dubbed him “Little Marco”").
 */
export const DESCRIBING_VERBS = words(`
  called calls calling call described describes describing describe referred refers referring
  labeled labelled labels labeling labelling label dubbed dubs dubbing branded brands branding
  brand termed terms accused accuses accusing characterized characterizes characterised
  portrayed portrays deemed`);

/** Verbs that introduce speech, in their common forms: the reporting and describing verbs and these. */
export const SPEECH_VERBS = new Set([
  ...REPORTING_VERBS,
  ...DESCRIBING_VERBS,
  ...words(`
  said says say saying told tells tell added adds adding noted notes stressed stresses warned warns
  asserted asserts insisted insists wrote writes tweeted tweets explained explains argued argues
  claimed claims declared declares announced announces continued continues replied replies
  responded responds asked asks recalled recalls acknowledged acknowledges admitted admits
  conceded concedes suggested suggests urged urges predicted predicts complained complains joked
  jokes quipped quips observed observes remarked remarks cautioned cautions emphasized emphasizes
  emphasised emphasises countered counters reported reports posted posts vowed vows promised
  promises contended contends maintained maintains charged charges alleged alleges stated states
  testified testifies confirmed confirms denied denies agreed agrees told wondered wonders
  pointed mused muses boasted boasts lamented laments recounted recounts described describes
  shouted shouts yelled yells cried whispered whispers acknowledged reiterated reiterates
  thundered thunders scoffed scoffs sighed added opined opines chimed
  called calls calling described describes describing labeled labelled labels dubbed dubs branded
  brands termed terms praised praises slammed slams blasted blasts criticized criticizes
  criticised criticises accused accuses touted touts hailed hails decried decries condemned
  condemns mocked mocks derided derides characterized characterizes sings sang sung
  arguing claiming writing asking telling noting warning insisting explaining declaring
  announcing acknowledging admitting suggesting urging predicting complaining adding
  stressing asserting vowing promising recalling contending maintaining describing
  ruled rules concluded concludes estimated estimates found finds showed shows read reads
  tweeting posting reporting calling quoted quotes quoting demanded demands proclaimed proclaims
  advocated advocates referenced references cited cites pleaded pleads begged questioned
  challenged call describe label brand exclaimed exclaims emailed answered answers fumed fumes
  chanted chants chanting shouting yelling repeated repeats revealed reveals thanked
  argue write insist warn explain contend predict complain acknowledge admit suggest urge recall
  agree deny declare announce reply respond stress screamed screams citing exhorted
  talks talked talk talking`),
]);

/** Things that speak for someone: "the report says", "the ruling found", "a narrator in the ad asks". */
export const SOURCE_NOUNS = words(`
  report statement article piece ruling letter ad ads advertisement complaint study survey poll memo
  lawsuit suit filing document documents website site post tweet tweets email emails book video
  narrator commission court judge jury panel release announcement analysis review audit
  investigation inquiry indictment verdict decision order opinion editorial column story
  broadcast interview transcript speech message note notice guidance policy plan proposal bill
  law rule regulation resolution platform spokesman spokeswoman spokesperson source sources
  official officials aide aides adviser advisers`);

/** Participles whose subject is the clause's: "Clinton spoke Tuesday, arguing that …". */
export const PARTICIPLES = words(`
  saying arguing claiming writing asking telling noting warning insisting explaining declaring
  announcing acknowledging admitting suggesting urging predicting complaining adding stressing
  asserting vowing promising recalling contending maintaining describing calling tweeting
  posting reporting quoting labeling dubbing branding praising criticizing accusing chanting
  shouting yelling repeating citing`);

/** Words that may stand between a subject and its verb: "Trump later tweeted", "he has said". */
export const VERB_FILLERS = words(`
  also later then again once has had have was were is are will would could did does do had
  previously recently repeatedly earlier further even just already still often never reportedly
  once told publicly privately quickly simply flatly angrily`);

/** Words that stand for an unnamed member of a group: "“…,” one said", "said another", "Someone called it “…”". */
export const ANONYMOUS = words('one another someone somebody some others');

/** Personal pronouns that can be the subject of a speech verb. */
export const PRONOUNS = words('he she they it we i you');

/** Capitalised words that start sentences but never names: "The", "But", "In". */
export const NOT_NAME_WORDS = words(`
  the a an but and or so yet in on at of for with from by to as if when while after before
  since because although though this that these those there here it its he she they we i
  you his her their our my your what which who whom whose where why how not no yes also
  however meanwhile still then now today yesterday tomorrow asked says said one two three
  according under over about during despite without within between among into upon
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  all some many most more other another each every both either neither such only even just
  mr mrs ms dr sen rep gov gen president instead perhaps indeed similarly finally later earlier
  thus hence besides otherwise likewise again nevertheless nonetheless until unless whether
  amid amidst throughout toward towards across against along around behind beyond through
  like unlike following regarding including late early
`);

/** Lower-case words that end a subject phrase when reading backwards from a verb. */
export const PHRASE_BREAKERS = words(`
  that which who whom whose where when while if because as and but or nor so than then
  though although whether after before since until unless once is was are were be been being
  has have had do does did will would can could should may might must not to in on at for
  with from by about into over under after during against between through without there
  it this these those what said says told added
`);

/** Determiners that open a noun phrase: "the Turkish president", "a senior official". */
export const DETERMINERS = words('the a an this these those his her their its our another some several many');

/** Reporting verbs whose first object is the listener: "told the Tampa Bay Times that …", "asked him whether …". */
export const LISTENER_VERBS = words('told tells asked asks reminded reminds assured assures informed informs urged urges');

/**
 * Verbs that govern a clause or a quote ("the report found …", "it states: …", "she believes …"):
 * the verbs of saying and these of thinking and knowing. A line cut right after one has lost
 * what it says.
 */
export const CLAUSE_VERBS = new Set([
  ...SPEECH_VERBS,
  ...words(`
  believe believes believed think thinks thought know knows knew hope hopes hoped fear fears feared
  feel feels felt expect expects expected reckon reckons reckoned realise realises realised realize
  realizes realized learn learns learned learnt discover discovers discovered show shows showed
  suggest suggests suggested indicate indicates indicated reveal reveals revealed mean means meant
  want wants wanted say states stated reads`),
]);

/**
 * Adverbs that date what was said ("Meacham previously said …", "he said last week that …"): a
 * sentence carrying one keeps its past tense; "X says" would contradict it.
 */
export const PAST_TIME_WORDS = words('previously earlier formerly once originally initially yesterday ago last recently then already');
