/** Nouns the steps read by list: what names a work, what speaks for a share, plurals without an -s. */

/** Lower-case words that name the work or the name that follows them in quote marks. */
export const WORK_LABELS = new Set(['song', 'songs', 'single', 'hit', 'album', 'painting', 'film', 'movie', 'documentary', 'dubbed', 'nicknamed']);

/** Nouns of a survey that speaks for the share it measured. */
export const SURVEY_NOUNS = new Set(['poll', 'polls', 'survey', 'surveys', 'study']);

/** Plurals without an -s. */
export const IRREGULAR_PLURALS = new Set(['people', 'men', 'women', 'children', 'police']);
