-- No planner statistics on a mail's model (read whole, never filtered on; see the kernel's V0_5).
ALTER TABLE outgoing_mail ALTER COLUMN model SET STATISTICS 0;
