/** Words of place names: what ends the name of a country or a region. */

/** Expansions ending like this are places, not bodies: "Democratic Republic of Congo (DRC)". */
import { words } from './words.js';
export const PLACE_TAIL_WORDS = ['Republic', 'Kingdom', 'Emirates', 'States', 'Province', 'Region', 'Territory', 'Islands', 'Island'];

/** Abbreviations that open a place name, full stop and all: "St. Louis", "Mt. Kenya". */
export const PLACE_ABBREVIATIONS = words('st ste mt ft');

/** Words of direction that begin a place's name when capitalised: "East Jerusalem", "Northern Ireland". */
export const COMPASS = words('north south east west northern southern eastern western central upper lower greater');

/** Country abbreviations written in capitals: "U.S. officials", "the UK". */
export const COUNTRY_ABBREVIATIONS = words('us usa uk uae ussr');

/** Nouns of a place one can be at: "near the Sandilands stop", "outside the Finsbury Park station". */
export const FACILITY_NOUNS = words('stop station junction interchange terminal airport airfield port harbour harbor bridge tunnel underpass square roundabout crossing');

/** Words that end the name of an event, not of a place: "Texas Open", "Atlanta Games", "World Cup". */
export const EVENT_WORDS = words('open games cup championship championships classic olympics tournament trophy prix marathon rally festival summit series day');
