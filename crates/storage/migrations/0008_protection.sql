-- 0008: protection at rest. The database itself is encrypted by SQLCipher (the key is applied
-- when it is opened); this migration makes the journal append-only and adds the settings of
-- the app lock and the backups.

-- The journal is written, never rewritten: an UPDATE or a DELETE of an entry is refused. (The
-- entries are also authenticated with a key derived from the data key: these triggers stop a
-- careless edit, the MAC exposes a deliberate one.)
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'le journal ne se modifie pas : ajoutez une entrée');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'le journal ne se supprime pas');
END;

-- Settings of this installation that are not case data: idle minutes before the window locks,
-- the backup directory and how many backups to keep there, the date of the last backup.
CREATE TABLE app_setting (
    key    TEXT PRIMARY KEY CHECK (key IN ('idle_lock_minutes', 'backup_dir', 'backup_keep',
                                           'last_backup_at', 'last_backup_path')),
    value  TEXT NOT NULL
) STRICT;
