-- A rotated refresh token may be presented again once within the reuse grace (two tabs, a retry):
-- grace_used marks that it was, so that a further presentation is reuse (the family is revoked)
-- instead of one more session. Adding a column with a constant default rewrites no rows.
ALTER TABLE refresh_token ADD COLUMN grace_used boolean NOT NULL DEFAULT false;
