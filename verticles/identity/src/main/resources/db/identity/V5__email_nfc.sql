-- E-mails are kept in Unicode NFC from this release on (EmailAddress.normalize: trimmed, lower case,
-- NFC), so that jose+U+0301 and josé are one address and the unique indexes see them as one. Rows
-- written before may hold another form: each is rewritten to NFC unless that would make it equal
-- to another row's address (two accounts typed in two forms). Those pairs stay as they are, and a
-- warning names their ids: a login now looks up the NFC form, so only the NFC twin can sign in; an
-- operator merges or renames the other. Nothing is changed where normalize() is not available (a
-- database whose encoding is not UTF8). SHARE mode: writes of nodes still running the previous
-- release wait until this commits.
DO $$
DECLARE
  left_over text;
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE WARNING 'identity: the database encoding is not UTF8, e-mails are left in the form they were written in';
    RETURN;
  END IF;

  LOCK TABLE customer IN SHARE MODE;
  -- one pass over the table checking each address's form (no sort); the twin looked for only for the
  -- rare rows not in NFC: by the unique index (an NFC twin), or among the other rows not in NFC
  UPDATE customer c SET email = normalize(c.email, NFC)
  WHERE c.email IS NOT NFC NORMALIZED
    AND normalize(c.email, NFC) = lower(normalize(c.email, NFC))
    AND NOT EXISTS (SELECT 1 FROM customer o WHERE o.email = normalize(c.email, NFC))
    AND NOT EXISTS (SELECT 1 FROM customer o WHERE o.id <> c.id AND o.email IS NOT NFC NORMALIZED
                    AND normalize(o.email, NFC) = normalize(c.email, NFC));
  SELECT string_agg(id::text, ', ') INTO left_over FROM customer WHERE email IS NOT NFC NORMALIZED;
  IF left_over IS NOT NULL THEN
    RAISE WARNING 'identity.customer: e-mails not in NFC, left as they are (their NFC form is another account''s): %', left_over;
  END IF;

  LOCK TABLE staff IN SHARE MODE;
  -- one pass over the table checking each address's form (no sort); the twin looked for only for the
  -- rare rows not in NFC: by the unique index (an NFC twin), or among the other rows not in NFC
  UPDATE staff s SET email = normalize(s.email, NFC)
  WHERE s.email IS NOT NFC NORMALIZED
    AND normalize(s.email, NFC) = lower(normalize(s.email, NFC))
    AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.email = normalize(s.email, NFC))
    AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.id <> s.id AND o.email IS NOT NFC NORMALIZED
                    AND normalize(o.email, NFC) = normalize(s.email, NFC));
  SELECT string_agg(id::text, ', ') INTO left_over FROM staff WHERE email IS NOT NFC NORMALIZED;
  IF left_over IS NOT NULL THEN
    RAISE WARNING 'identity.staff: e-mails not in NFC, left as they are (their NFC form is another member''s): %', left_over;
  END IF;
END $$;
