-- A row that could not be published waits until next_attempt_at (exponential backoff, at most an
-- hour) instead of being retried on every pass; null means due now.
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
