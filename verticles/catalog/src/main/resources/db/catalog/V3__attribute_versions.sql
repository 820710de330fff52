-- An attribute's aggregate id is its code, which a later definition may reuse after a delete: its
-- versions live here, outside the attribute row, so they keep growing across delete and
-- re-definition and a consumer never takes a new definition for a stale event.
CREATE TABLE attribute_version (
  code    text   PRIMARY KEY,
  version bigint NOT NULL
);
INSERT INTO attribute_version (code, version) SELECT code, version FROM attribute;
