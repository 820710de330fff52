-- No planner statistics on documents no query filters or sorts by (see the kernel's V0_5): an
-- order's priced content and operations, a provider event's body.
ALTER TABLE orders ALTER COLUMN doc SET STATISTICS 0;
ALTER TABLE orders ALTER COLUMN ops SET STATISTICS 0;
ALTER TABLE provider_event ALTER COLUMN payload SET STATISTICS 0;
