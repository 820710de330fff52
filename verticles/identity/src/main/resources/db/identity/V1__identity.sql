-- Customers and staff live in separate tables: a login names its realm and only that table is
-- searched, so customer credentials can never yield a staff token. E-mails are stored lower-cased,
-- which makes the plain unique index case-insensitive.
CREATE TABLE customer (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL CHECK (email = lower(email)),
  name          text        NOT NULL,
  password_hash text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_email_key ON customer (email);

CREATE TABLE staff (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL CHECK (email = lower(email)),
  name          text        NOT NULL,
  password_hash text        NOT NULL,
  roles         text[]      NOT NULL CHECK (cardinality(roles) > 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_email_key ON staff (email);

-- Opaque refresh tokens, stored as SHA-256 only. Each login starts a family; every refresh revokes
-- the presented token (replaced_by = its successor) and issues the next one in the same family.
-- Presenting a revoked token again revokes the whole family.
CREATE TABLE refresh_token (
  id          uuid        PRIMARY KEY,
  family_id   uuid        NOT NULL,
  subject_id  uuid        NOT NULL,
  realm       text        NOT NULL CHECK (realm IN ('CUSTOMER', 'STAFF')),
  token_hash  bytea       NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  replaced_by uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_family ON refresh_token (family_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_token_expires ON refresh_token (expires_at);
