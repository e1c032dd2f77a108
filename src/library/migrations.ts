import { SEARCH_UPKEEP_MIGRATION } from './search-upkeep.js';
import type { Database } from 'better-sqlite3';
import { rankCountSqlite } from './speakers.js';

/** One step of the schema, applied once, in order; its index + 1 is the `user_version` after it. */
export interface Migration {
  name: string;
  sql: string;
}

/** The database file was written by a newer version of briefing than this one. */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/** Append only: a file records how many of these it has applied in `PRAGMA user_version`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'articles and readings',
    sql: `
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        date TEXT,
        text TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        added_at INTEGER NOT NULL
      );
      CREATE INDEX articles_newest ON articles (date DESC, added_at DESC);
      CREATE INDEX articles_added ON articles (added_at);
      CREATE TABLE readings (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        json TEXT NOT NULL
      );
      -- Contentless: the text lives in articles once; the index only finds rowids
      CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    name: 'speakers and quotes',
    sql: `
      CREATE TABLE speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        roles TEXT NOT NULL DEFAULT '[]',
        type TEXT NOT NULL DEFAULT 'person',
        search_key TEXT NOT NULL,
        surname TEXT NOT NULL,
        quote_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX speakers_surname ON speakers (surname);
      CREATE TABLE speaker_aliases (
        key TEXT NOT NULL,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        PRIMARY KEY (key, speaker_id)
      );
      CREATE TABLE speaker_terms (
        term TEXT NOT NULL,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        PRIMARY KEY (term, speaker_id)
      );
      CREATE INDEX speaker_terms_speaker ON speaker_terms (speaker_id);
      CREATE TABLE speaker_redirects (
        old_id TEXT PRIMARY KEY,
        new_id TEXT NOT NULL
      );
      CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        outer_start INTEGER NOT NULL,
        outer_end INTEGER NOT NULL,
        continued INTEGER NOT NULL,
        speaker_id TEXT REFERENCES speakers (id) ON DELETE SET NULL ON UPDATE CASCADE,
        mention_text TEXT,
        mention_start INTEGER,
        mention_end INTEGER,
        UNIQUE (article_id, position)
      );
      CREATE INDEX quotes_speaker ON quotes (speaker_id, article_id);
      CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, speaker, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    name: 'guild settings and deliveries',
    sql: `
      CREATE TABLE guild_settings (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        role_id TEXT,
        post_when_empty INTEGER NOT NULL,
        enabled INTEGER NOT NULL
      );
      CREATE TABLE deliveries (
        guild_id TEXT NOT NULL,
        local_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        message_ids TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        article_ids TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, local_date)
      );
    `,
  },
  {
    name: 'feeds',
    sql: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT,
        channel_id TEXT,
        etag TEXT,
        last_modified TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER NOT NULL,
        last_polled_at INTEGER,
        primed INTEGER NOT NULL DEFAULT 0,
        added_at INTEGER NOT NULL,
        UNIQUE (guild_id, url)
      );
      CREATE INDEX feeds_due ON feeds (next_poll_at);
      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
        PRIMARY KEY (feed_id, item_key)
      );
    `,
  },
  {
    // Every command-path query is index-served, so it costs the same at 100k articles as at 1k
    name: 'newest added first, counters and speaker keys',
    sql: `
      -- "Newest" is the most recently added: the id order, which the table itself serves
      DROP INDEX articles_newest;
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO counters (name, value) SELECT 'articles', count(*) FROM articles;
      CREATE TRIGGER articles_counted AFTER INSERT ON articles
        BEGIN UPDATE counters SET value = value + 1 WHERE name = 'articles'; END;
      CREATE TRIGGER articles_uncounted AFTER DELETE ON articles
        BEGIN UPDATE counters SET value = value - 1 WHERE name = 'articles'; END;
      -- Word starts of 1-3 letters indexed, so autocomplete reads one list, newest first, and stops
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = '', contentless_delete = 1, prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO articles_fts (rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles;
      -- Clearing a speaker's aliases on every save scanned the table without it
      CREATE INDEX speaker_aliases_speaker ON speaker_aliases (speaker_id);
      -- A speaker's quotes, newest added article first, a page at a time
      DROP INDEX quotes_speaker;
      CREATE INDEX quotes_speaker_newest ON quotes (speaker_id, article_id DESC, position);
      CREATE INDEX speakers_most_quoted ON speakers (quote_count DESC, name);
      -- Bounded buckets, most quoted first: the first 1-3 letters of every term (autocomplete,
      -- and the head of a misspelt name) and '$' + the last 2 letters of every name form
      CREATE TABLE speaker_keys (
        key TEXT NOT NULL,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        quote_count INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (key, speaker_id)
      ) WITHOUT ROWID;
      CREATE INDEX speaker_keys_ranked ON speaker_keys (key, quote_count DESC, name);
      CREATE INDEX speaker_keys_speaker ON speaker_keys (speaker_id);
      INSERT OR IGNORE INTO speaker_keys (key, speaker_id, quote_count, name)
        SELECT substr(t.term, 1, n.n), s.id, s.quote_count, s.name
        FROM speaker_terms t JOIN speakers s ON s.id = t.speaker_id
        JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) n;
      INSERT OR IGNORE INTO speaker_keys (key, speaker_id, quote_count, name)
        SELECT '$' || substr(a.key, -2), s.id, s.quote_count, s.name
        FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id;
      INSERT OR IGNORE INTO speaker_keys (key, speaker_id, quote_count, name)
        SELECT '$' || substr(surname, -2), id, quote_count, name FROM speakers WHERE surname != '';
    `,
  },
  {
    name: 'additions by members (quotas)',
    sql: `
      CREATE TABLE additions (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        added_at INTEGER NOT NULL
      );
      CREATE INDEX additions_guild ON additions (guild_id, added_at);
      CREATE INDEX additions_member ON additions (guild_id, user_id, added_at);
      `,
  },
  {
    // Issue 12: a delivery is a leased job.
    // Added columns only, so every delivery already logged keeps its status and ids
    name: 'deliveries as leased jobs',
    sql: `
      ALTER TABLE deliveries ADD COLUMN owner TEXT;
      ALTER TABLE deliveries ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN deadline_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      -- Part number -> message id of each part posted, recorded as it goes out
      ALTER TABLE deliveries ADD COLUMN parts TEXT NOT NULL DEFAULT '{}';
      -- A claim logged before jobs had deadlines gets a day from its last change
      UPDATE deliveries SET created_at = updated_at, deadline_at = updated_at + 86400000;
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
    `,
  },
  {
    // Issue 12: a feed poll is a leased job too, so two processes never poll one feed at once
    name: 'feed polls as leased jobs',
    sql: `
      ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
      ALTER TABLE feeds ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    // Every server its own archive (issue 11): articles belong to collections, a read sees only its server's
    name: 'collections',
    sql: `
      -- The shared collection (the operator's folder) is id 1 with no guild; each server's is made on demand
      CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        guild_id TEXT UNIQUE,
        shows_shared INTEGER NOT NULL DEFAULT 1,
        -- Kept on every link and unlink, so a server's count costs nothing: its articles, and how many of them are also shared
        article_count INTEGER NOT NULL DEFAULT 0,
        shared_count INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO collections (id, guild_id) VALUES (1, NULL);
      -- The primary key serves a collection's articles newest first (the article id order)
      CREATE TABLE collection_articles (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL,
        added_by TEXT,
        PRIMARY KEY (collection_id, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_articles_article ON collection_articles (article_id);
      CREATE INDEX collection_articles_added ON collection_articles (collection_id, added_at);
      -- The speakers a collection has quotes of, with how many (and how many of those are in shared articles too)
      CREATE TABLE collection_speakers (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        quote_count INTEGER NOT NULL,
        shared_count INTEGER NOT NULL,
        PRIMARY KEY (collection_id, speaker_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_speakers_speaker ON collection_speakers (speaker_id);
      CREATE INDEX collection_speakers_ranked ON collection_speakers (collection_id, quote_count DESC, speaker_id);
      -- A speaker's articles in a collection, newest first: a server's page of a speaker's quotes reads
      -- only its own articles, however many more the speaker is quoted in elsewhere
      CREATE TABLE collection_quotes (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (collection_id, speaker_id, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_quotes_speaker ON collection_quotes (speaker_id);
      CREATE INDEX collection_quotes_article ON collection_quotes (article_id);
      -- The autocomplete buckets (speaker_keys) of each collection, ranked by its own counts: a server's
      -- autocomplete reads its own bucket, however many names of other servers share the letters
      CREATE TABLE collection_speaker_keys (
        collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE ON UPDATE CASCADE,
        key TEXT NOT NULL,
        quote_count INTEGER NOT NULL,
        PRIMARY KEY (collection_id, speaker_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX collection_speaker_keys_ranked ON collection_speaker_keys (collection_id, key, quote_count DESC, speaker_id);
      CREATE INDEX collection_speaker_keys_speaker ON collection_speaker_keys (speaker_id);

      -- An existing archive: what a server added (discord:<guild>/<user>/…) and its feeds brought in are its own
      CREATE TEMP TABLE guild_links AS
        SELECT substr(source, 9, instr(substr(source, 9), '/') - 1) AS guild_id, id AS article_id, added_at,
          substr(substr(source, 9), instr(substr(source, 9), '/') + 1, instr(substr(substr(source, 9), instr(substr(source, 9), '/') + 1) || '/', '/') - 1) AS added_by
        FROM articles WHERE source LIKE 'discord:%/%' AND source NOT LIKE 'discord:dm/%'
        UNION
        SELECT f.guild_id, i.article_id, a.added_at, NULL FROM feed_items i JOIN feeds f ON f.id = i.feed_id JOIN articles a ON a.id = i.article_id;
      INSERT OR IGNORE INTO collections (guild_id) SELECT DISTINCT guild_id FROM guild_links;
      INSERT OR IGNORE INTO collection_articles (collection_id, article_id, added_at, added_by)
        SELECT c.id, l.article_id, l.added_at, nullif(l.added_by, '') FROM guild_links l JOIN collections c ON c.guild_id = l.guild_id;
      DROP TABLE guild_links;
      -- Everything else (the folder, the CLI, additions from DMs) was visible everywhere: it is shared
      INSERT INTO collection_articles (collection_id, article_id, added_at, added_by)
        SELECT 1, id, added_at, NULL FROM articles WHERE id NOT IN (SELECT article_id FROM collection_articles);
      UPDATE collections SET article_count = (SELECT count(*) FROM collection_articles WHERE collection_id = collections.id);
      INSERT INTO collection_quotes (collection_id, speaker_id, article_id, quotes)
        SELECT ca.collection_id, q.speaker_id, q.article_id, count(*) FROM quotes q JOIN collection_articles ca ON ca.article_id = q.article_id
        WHERE q.speaker_id IS NOT NULL GROUP BY ca.collection_id, q.speaker_id, q.article_id;
      INSERT INTO collection_speakers (collection_id, speaker_id, quote_count, shared_count)
        SELECT collection_id, speaker_id, sum(quotes), 0 FROM collection_quotes GROUP BY collection_id, speaker_id;
      INSERT INTO collection_speaker_keys (collection_id, speaker_id, key, quote_count)
        SELECT cs.collection_id, cs.speaker_id, k.key, cs.quote_count FROM collection_speakers cs JOIN speaker_keys k ON k.speaker_id = cs.speaker_id;
      -- A search walks the index of the words and of the article's collections at once
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, scope, content = '', contentless_delete = 1, prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO articles_fts (rowid, title, text, scope)
        SELECT id, coalesce(title, ''), text, (SELECT group_concat(char(57344) || 'c' || collection_id, ' ') FROM collection_articles WHERE article_id = articles.id) FROM articles;
    `,
  },
  {
    // Reserved as migration 9 (issue 16); the lead renumbers it when the branches merge
    name: 'follows, quote alerts and filters',
    sql: `
      -- A server follows a name: folded into a key, matched against every quoted speaker's names
      CREATE TABLE follows (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        surname TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        role_id TEXT,
        added_at INTEGER NOT NULL,
        UNIQUE (guild_id, key)
      );
      CREATE INDEX follows_key ON follows (key);
      CREATE INDEX follows_surname ON follows (surname);
      -- The alert log: one row per (follow, article), written before posting, its status after
      CREATE TABLE alerts (
        follow_id INTEGER NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        channel_id TEXT NOT NULL,
        hour INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'held', 'summarized', 'failed')),
        message_id TEXT,
        error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (follow_id, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX alerts_status ON alerts (status, hour);
      CREATE INDEX alerts_channel_hour ON alerts (channel_id, hour, status);
      -- One summary per channel per hour for the alerts over the rate limit
      CREATE TABLE alert_summaries (
        channel_id TEXT NOT NULL,
        hour INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        message_id TEXT,
        PRIMARY KEY (channel_id, hour)
      ) WITHOUT ROWID;
      -- Keywords and speakers a feed's items or a server's briefing must match; target 'briefing' or 'feed:<url>'
      CREATE TABLE filters (
        guild_id TEXT NOT NULL,
        target TEXT NOT NULL,
        keywords TEXT NOT NULL DEFAULT '[]',
        speakers TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (guild_id, target)
      ) WITHOUT ROWID;
      CREATE INDEX feed_items_article ON feed_items (article_id);
    `,
  },
  {
    // Issue 16, exactly once across processes: an alert row is a leased job, as a delivery is
    name: 'quote alerts as leased jobs',
    sql: `
      ALTER TABLE alerts ADD COLUMN owner TEXT;
      ALTER TABLE alerts ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE alerts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE alerts ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE alerts ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE alerts SET created_at = updated_at;
      -- A pending row from before may have been posted by a process that died: read the channel before posting it
      UPDATE alerts SET attempts = 1 WHERE status = 'pending';
      CREATE INDEX alerts_due ON alerts (next_attempt_at) WHERE status = 'pending';
    `,
  },
  {
    // Issue 13: Discord's 50 requests a second is one budget for every process of the fleet
    name: 'request budget shared by the fleet',
    sql: `
      -- One row per budget: the earliest instant (microseconds since epoch) its next request may go out
      CREATE TABLE request_budget (
        name TEXT PRIMARY KEY,
        next_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Issue 10: a save rewrote every bucket row of each speaker it quoted (most of its writes at 100k
    // articles). Buckets rank by rankCount, which moves on few saves, read from (speaker_id, rank_count)
    name: 'autocomplete buckets ranked by powers of two',
    sql: `
      ALTER TABLE speaker_keys RENAME COLUMN quote_count TO rank_count;
      UPDATE speaker_keys SET rank_count = ${rankCountSqlite('rank_count')} WHERE rank_count < 1 OR rank_count & (rank_count - 1) != 0;
      DROP INDEX speaker_keys_speaker; CREATE INDEX speaker_keys_speaker ON speaker_keys (speaker_id, rank_count);
      ALTER TABLE collection_speaker_keys RENAME COLUMN quote_count TO rank_count;
      UPDATE collection_speaker_keys SET rank_count = ${rankCountSqlite('rank_count')} WHERE rank_count < 1 OR rank_count & (rank_count - 1) != 0;
    `,
  },
  // Issue 10: saves leave merging the search index to the upkeep
  SEARCH_UPKEEP_MIGRATION,
];

/** The schema version of an open database. */
export const schemaVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the schema up to date: applies the missing migrations in one transaction, so a
 * failure leaves the file as it was. Returns the names of the steps applied.
 *
 * The version is read inside a write (IMMEDIATE) transaction: when several processes open a
 * new file at once (`start --shards`), the first migrates and the others wait on its lock,
 * then find the file up to date, instead of each applying the same steps.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): string[] {
  const apply = db.transaction((): string[] => {
    const from = schemaVersion(db);
    if (from > migrations.length) {
      throw new SchemaVersionError(`database schema is version ${from}, newer than this program's ${migrations.length}`);
    }
    const missing = migrations.slice(from);
    if (missing.length === 0) return [];
    for (const step of missing) db.exec(step.sql);
    // PRAGMA cannot take a bound parameter; the value is our own integer
    db.pragma(`user_version = ${migrations.length}`);
    return missing.map((m) => m.name);
  });
  return apply.immediate();
}
