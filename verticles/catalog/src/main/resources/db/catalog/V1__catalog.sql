-- Catalog schema. Tables are unqualified: the pool's search_path is the catalog schema.
-- Constraint names are part of the code: the repository maps 23505 on *_slug_key to SLUG_TAKEN
-- and on variant_sku_key to SKU_TAKEN.

-- The category tree; a category with children or products cannot be deleted (no cascade).
CREATE TABLE category (
  id        uuid  PRIMARY KEY,
  parent_id uuid  REFERENCES category (id),
  slug      text  NOT NULL CONSTRAINT category_slug_key UNIQUE,
  names     jsonb NOT NULL,
  position  int   NOT NULL DEFAULT 0
);
CREATE INDEX category_parent ON category (parent_id);

-- Typed attribute definitions; "values" lists the allowed values of an ENUM.
CREATE TABLE attribute (
  code   text  PRIMARY KEY,
  type   text  NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'BOOLEAN', 'ENUM')),
  unit   text,
  values jsonb,
  names  jsonb NOT NULL
);

-- A product; translations, attributes, media and seo are JSON documents read as a whole.
-- sort_name is the lower-cased name in the default locale, the key of the NAME sort.
CREATE TABLE product (
  id             uuid        PRIMARY KEY,
  slug           text        NOT NULL CONSTRAINT product_slug_key UNIQUE,
  status         text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
  default_locale text        NOT NULL,
  translations   jsonb       NOT NULL,
  sort_name      text        NOT NULL,
  attributes     jsonb       NOT NULL DEFAULT '{}',
  media          jsonb       NOT NULL DEFAULT '[]',
  seo            jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        bigint      NOT NULL DEFAULT 1
);
-- keyset pagination: NEWEST walks (created_at, id) backwards, NAME walks (sort_name, id)
CREATE INDEX product_newest ON product (created_at, id);
CREATE INDEX product_name ON product (sort_name, id);
-- attribute equality filters: attributes @> '{"material":"linen"}'
CREATE INDEX product_attributes ON product USING gin (attributes jsonb_path_ops);

CREATE TABLE product_category (
  product_id  uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  category_id uuid NOT NULL REFERENCES category (id),
  position    int  NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_category_by_category ON product_category (category_id, product_id);

CREATE TABLE variant (
  id            uuid  PRIMARY KEY,
  product_id    uuid  NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  sku           text  NOT NULL CONSTRAINT variant_sku_key UNIQUE,
  options       jsonb NOT NULL DEFAULT '{}',
  position      int   NOT NULL DEFAULT 0,
  stock_on_hand int   NOT NULL DEFAULT 0 CONSTRAINT variant_stock_non_negative CHECK (stock_on_hand >= 0)
);
CREATE INDEX variant_product ON variant (product_id, position);

-- One price per variant and currency. product_id repeats the variant's product so that the
-- price-range filter ("any variant in range") is one index probe per product.
CREATE TABLE variant_price (
  variant_id uuid   NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
  product_id uuid   NOT NULL,
  currency   text   NOT NULL,
  amount     bigint NOT NULL CONSTRAINT variant_price_non_negative CHECK (amount >= 0),
  PRIMARY KEY (variant_id, currency)
);
CREATE INDEX variant_price_range ON variant_price (product_id, currency, amount);

-- The cheapest variant price per product and currency, rewritten in the same transaction as any
-- change to the product's variants or prices: the key of the PRICE_ASC / PRICE_DESC sorts.
CREATE TABLE product_min_price (
  product_id uuid   NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  currency   text   NOT NULL,
  amount     bigint NOT NULL,
  PRIMARY KEY (product_id, currency)
);
CREATE INDEX product_min_price_sort ON product_min_price (currency, amount, product_id);
