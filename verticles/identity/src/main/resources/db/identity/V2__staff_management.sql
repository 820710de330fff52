-- Staff management. A deactivated member cannot log in or refresh. session_version goes up with
-- every change that must end the member's access tokens at once (roles changed, deactivated):
-- staff tokens carry the version they were issued at (claim sv), and gateways refuse lower ones.
ALTER TABLE staff
  ADD COLUMN active          boolean     NOT NULL DEFAULT true,
  ADD COLUMN session_version integer     NOT NULL DEFAULT 0 CHECK (session_version >= 0),
  ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now();

-- The audit log of staff actions, newest first by seq. Written in the same transaction as the
-- action. Not only for identity: context names where the action happened, and entries derived
-- from another context's events carry that event's id (source_event_id), so a replay inserts
-- nothing twice. actor_id/actor_email are null for the system (e.g. the first admin at start-up).
CREATE TABLE audit_entry (
  seq             bigserial   PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  context         text        NOT NULL,
  action          text        NOT NULL,
  actor_id        uuid,
  actor_email     text,
  target_type     text        NOT NULL,
  target_id       text        NOT NULL,
  correlation_id  text,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  source_event_id uuid        UNIQUE
);

-- Deactivating a member revokes all of their refresh tokens.
CREATE INDEX refresh_token_subject ON refresh_token (subject_id) WHERE revoked_at IS NULL;
