-- A rotated refresh token may be presented again a few times within the reuse grace (several tabs
-- refreshing at once after a laptop wakes, a retry): grace_uses counts them, so that one beyond
-- the limit is reuse (the family is revoked). grace_used (V6, once) stays for older nodes.
ALTER TABLE refresh_token ADD COLUMN grace_uses smallint NOT NULL DEFAULT 0;
-- a token whose one grace presentation (V6) was used has used one of its few
UPDATE refresh_token SET grace_uses = 1 WHERE grace_used;
