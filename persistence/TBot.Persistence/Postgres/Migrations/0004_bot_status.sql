-- A bot's status (RUNNING, PAUSED, KILLED) follows its control and kill-switch decisions; the position of the
-- decision that set it keeps a re-applied older range from moving the status back.
ALTER TABLE bot_instances ADD COLUMN status_position bigint NOT NULL DEFAULT 0 CHECK (status_position >= 0);
