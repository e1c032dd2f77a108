/** Words that mark a capitalised phrase as a body: organisation words, legal designators, photo agencies. */
import { words } from './words.js';

/** Words that mark a capitalised phrase as an organisation: "the State Department". */
export const ORG_WORDS = words(`
  department ministry party committee campaign news times post journal agency office house
  council association institute university commission court administration government police
  inc corp corporation company co ltd llc group foundation center centre network press
  reuters bank union league federation board bureau service services army navy force forces
  club senate congress parliament assembly kremlin pentagon guard organization organisation
  coalition alliance fund trust tribune herald gazette daily weekly magazine channel radio
  television tv broadcasting media club school college hospital church network staff
  authority authorities cabinet secretariat embassy commission caucus international watch
  institution institutions ministries exchange desk newsroom convention conference
`);

/** Legal designators that close a company's name: alone or first, they are a fragment of one ("Co", "Inc Nasdaq"). */
export const DESIGNATORS = words('inc corp corporation co ltd plc llc ag ab sa nv bv spa gmbh');

/** Photo agencies whose credit, run into the text, stands before a caption's name: "GETTY Trump". */
export const PHOTO_CREDITS = words('getty reuters afp epa ap pa rex alamy shutterstock bloomberg');
