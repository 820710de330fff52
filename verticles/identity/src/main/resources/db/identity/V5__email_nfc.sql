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
  WITH forms AS (
    SELECT id, email, normalize(email, NFC) AS nfc, count(*) OVER (PARTITION BY normalize(email, NFC)) AS holders
    FROM customer
  )
  UPDATE customer c SET email = f.nfc
  FROM forms f
  WHERE c.id = f.id AND f.email IS NOT NFC NORMALIZED AND f.holders = 1 AND f.nfc = lower(f.nfc);
  SELECT string_agg(id::text, ', ') INTO left_over FROM customer WHERE email IS NOT NFC NORMALIZED;
  IF left_over IS NOT NULL THEN
    RAISE WARNING 'identity.customer: e-mails not in NFC, left as they are (their NFC form is another account''s): %', left_over;
  END IF;

  LOCK TABLE staff IN SHARE MODE;
  WITH forms AS (
    SELECT id, email, normalize(email, NFC) AS nfc, count(*) OVER (PARTITION BY normalize(email, NFC)) AS holders
    FROM staff
  )
  UPDATE staff s SET email = f.nfc
  FROM forms f
  WHERE s.id = f.id AND f.email IS NOT NFC NORMALIZED AND f.holders = 1 AND f.nfc = lower(f.nfc);
  SELECT string_agg(id::text, ', ') INTO left_over FROM staff WHERE email IS NOT NFC NORMALIZED;
  IF left_over IS NOT NULL THEN
    RAISE WARNING 'identity.staff: e-mails not in NFC, left as they are (their NFC form is another member''s): %', left_over;
  END IF;
END $$;
