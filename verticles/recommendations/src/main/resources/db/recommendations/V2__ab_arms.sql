-- The A/B arm a recommendation was shown or clicked in (null for other events, and before arms).
ALTER TABLE behaviour_event ADD COLUMN arm text;
