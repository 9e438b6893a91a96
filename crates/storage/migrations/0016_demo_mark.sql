-- 0016: a database can be marked as a demonstration one (`demo` = '1', written by the demo
-- data generator): the window shows « DÉMONSTRATION » on every screen and every PDF page says
-- so, so fictional people are never taken for real ones. SQLite cannot change a CHECK: the
-- settings table is rebuilt with the new key allowed, its rows kept.

CREATE TABLE app_setting_new (
    key    TEXT PRIMARY KEY CHECK (key IN ('idle_lock_minutes', 'backup_dir', 'backup_keep',
                                           'last_backup_at', 'last_backup_path', 'demo')),
    value  TEXT NOT NULL
) STRICT;

INSERT INTO app_setting_new (key, value) SELECT key, value FROM app_setting;
DROP TABLE app_setting;
ALTER TABLE app_setting_new RENAME TO app_setting;
