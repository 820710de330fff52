-- Search schema: a projection of the catalog for searching, kept by the catalog's event log.
-- Tables are unqualified: the pool's search_path is this schema (then the schema holding the
-- extensions, when another schema created them first).

-- pg_trgm (typo tolerance, autocomplete), unaccent (ASCII folding: cafe finds café, strasse
-- finds Straße) and fuzzystrmatch (levenshtein, for "did you mean") are database-wide: they are
-- created in this schema unless the database has them already (then they are used where they are).
-- All three are trusted extensions: the database owner may create them, no superuser needed.
DO $$
DECLARE
  ext text;
  home text;
BEGIN
  FOREACH ext IN ARRAY ARRAY['pg_trgm', 'unaccent', 'fuzzystrmatch'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ext) THEN
      EXECUTE format('CREATE EXTENSION %I SCHEMA %I', ext, current_schema());
    END IF;
  END LOOP;
  SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
  -- per-locale analysis: the language's stop words and stemmer after folding accents
  EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I.kinetic_en (COPY = pg_catalog.english)', current_schema());
  EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I.kinetic_en ALTER MAPPING FOR hword, hword_part, word
    WITH %I.unaccent, english_stem', current_schema(), home);
  EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I.kinetic_de (COPY = pg_catalog.german)', current_schema());
  EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I.kinetic_de ALTER MAPPING FOR hword, hword_part, word
    WITH %I.unaccent, german_stem', current_schema(), home);
END $$;

-- One row per product the catalog ever told about. A deleted product stays as a tombstone
-- (deleted, not published) with its last version, so an older event cannot bring it back.
-- version: the catalog's product version the row reflects; an event or export page only
-- replaces a row with a version at least as new.
CREATE TABLE document (
  product_id     uuid PRIMARY KEY,
  version        bigint NOT NULL,
  deleted        boolean NOT NULL DEFAULT false,
  published      boolean NOT NULL DEFAULT false,
  slug           text,
  default_locale text,
  names          jsonb NOT NULL DEFAULT '{}',
  -- locale -> {"name", "description"}: what the vectors are computed from
  translations   jsonb NOT NULL DEFAULT '{}',
  brand          text,
  category_ids   uuid[] NOT NULL DEFAULT '{}',
  -- code=value of every scalar attribute (facets and filters)
  attr_values    text[] NOT NULL DEFAULT '{}',
  -- the attribute values as words (weight B)
  attr_text      text NOT NULL DEFAULT '',
  image          jsonb,
  -- variant id -> {"a": units available, "s": sequence of that figure}
  variants       jsonb NOT NULL DEFAULT '{}',
  in_stock       boolean NOT NULL DEFAULT false,
  created_at     timestamptz,
  -- weights: A the name, B brand, categories and attributes, C the description
  vector_en      tsvector,
  vector_de      tsvector,
  -- every name and the brand, lower case without accents: prefix, compound and typo matching
  folded         text NOT NULL DEFAULT '',
  indexed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX document_vector_en ON document USING gin (vector_en) WHERE published;
CREATE INDEX document_vector_de ON document USING gin (vector_de) WHERE published;
CREATE INDEX document_created ON document (created_at DESC) WHERE published;
CREATE INDEX document_category_ids ON document USING gin (category_ids) WHERE published;

-- The price range of a product's variants per currency, in minor units.
CREATE TABLE price (
  product_id uuid NOT NULL,
  currency   char(3) NOT NULL,
  min_amount bigint NOT NULL,
  max_amount bigint NOT NULL,
  PRIMARY KEY (product_id, currency)
);
CREATE INDEX price_currency_min ON price (currency, min_amount);

-- The catalog's category tree (names per locale) and its closure: each category with every
-- ancestor (itself included), for tree-aware filters and counts.
CREATE TABLE category (
  id        uuid PRIMARY KEY,
  parent_id uuid,
  slug      text NOT NULL,
  names     jsonb NOT NULL,
  folded    text NOT NULL,
  position  int NOT NULL
);
CREATE TABLE category_closure (
  ancestor   uuid NOT NULL,
  descendant uuid NOT NULL,
  PRIMARY KEY (ancestor, descendant)
);
CREATE INDEX category_closure_descendant ON category_closure (descendant);

-- Attribute definitions: enum and boolean ones are facets, named per locale.
CREATE TABLE attribute (
  code  text PRIMARY KEY,
  type  text NOT NULL,
  names jsonb NOT NULL
);

-- Staff-managed synonym sets per locale (terms folded, lower case).
CREATE TABLE synonym (
  id     uuid PRIMARY KEY,
  locale text NOT NULL,
  terms  text[] NOT NULL
);

-- One row per search a shopper made (the first page of a non-empty query): the normalised query,
-- never who asked.
CREATE TABLE query_log (
  id      uuid PRIMARY KEY,
  at      timestamptz NOT NULL,
  query   text NOT NULL,
  locale  text NOT NULL,
  results int NOT NULL,
  clicks  int NOT NULL DEFAULT 0
);
CREATE INDEX query_log_at ON query_log (at);

-- Set once the first full build from the catalog's export committed.
CREATE TABLE build_state (
  id          int PRIMARY KEY CHECK (id = 1),
  built_at    timestamptz NOT NULL
);

-- The words of the searchable products, brands and categories: spelling corrections.
CREATE MATERIALIZED VIEW lexicon AS
  SELECT word, count(*)::int AS frequency
  FROM (SELECT regexp_split_to_table(folded, '[^[:alnum:]]+') AS word FROM document WHERE published
        UNION ALL SELECT regexp_split_to_table(folded, '[^[:alnum:]]+') FROM category) words
  WHERE length(word) >= 3
  GROUP BY word;
CREATE UNIQUE INDEX lexicon_word ON lexicon (word);

-- Brands of searchable products, for autocomplete.
CREATE MATERIALIZED VIEW brand AS
  SELECT brand AS name, lower(brand) AS key, count(*)::int AS products
  FROM document WHERE published AND brand IS NOT NULL GROUP BY brand;
CREATE UNIQUE INDEX brand_name ON brand (name);

-- trigram indexes name the extension's operator class where it lives
DO $$
DECLARE
  home text;
BEGIN
  SELECT n.nspname INTO home FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  EXECUTE format('CREATE INDEX document_folded ON document USING gin (folded %I.gin_trgm_ops) WHERE published', home);
  EXECUTE format('CREATE INDEX lexicon_word_trgm ON lexicon USING gist (word %I.gist_trgm_ops)', home);
END $$;
