/** Words of sport: club names, matches, squads. A town in a sports report may be the club that plays. */
import { words } from './words.js';

/** Words that name a sports club after its town: "Norwich City", "Dynamo Moscow", "Paris St Germain". */
export const CLUB_WORDS = words(`
  fc afc united rovers athletic athletico atletico wanderers albion dynamo dinamo sporting
  real inter olympique racing spartak lokomotiv celtic rangers hotspur villa
`);

/** Verbs and prepositions of a match: a town on either side of one is the club that plays it. */
export const MATCH_WORDS = words(`
  beat beats beaten drew draw draws lost lose loses defeated defeat defeats v vs
  against trounced thrashed edged routed overcame hammered joined
`);

/** Words that make an article a sports report, where towns play matches. */
export const SPORT_WORDS = words(`
  match matches game games innings wicket wickets goal goals scored striker midfielder
  defender goalkeeper league championship tournament season halftime half-time cup
  runs bowled batting pitch stadium coach soccer football cricket rugby tennis golf hockey
  baseball basketball results
`);

/** Nouns of a team's people: a town right before one is the club ("Newcastle team mate", "Dynamo Moscow players"). */
export const SQUAD_WORDS = words(`
  team side squad players player skipper captain coach manager striker midfielder defender
  goalkeeper keeper fans supporters teammate team-mate
`);
