-- No planner statistics on events' bodies: no query filters or sorts by them, and gathering them
-- was most of what an automatic ANALYZE of a busy outbox cost (every sampled payload detoasted and
-- compared, a few seconds of a core each time the log grew by a tenth). The other columns keep
-- their statistics.
ALTER TABLE outbox ALTER COLUMN payload SET STATISTICS 0;
ALTER TABLE event_parked ALTER COLUMN event SET STATISTICS 0;
