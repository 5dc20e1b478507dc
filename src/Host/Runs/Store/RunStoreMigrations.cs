namespace AiVideo.Host.Runs.Store;

/// <summary>The run store's schema, one step per version. Applied in order, each in its own transaction; never edited once shipped.</summary>
internal static class RunStoreMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE runs (
                run_id        TEXT PRIMARY KEY,
                channel_id    TEXT NOT NULL,
                title         TEXT NOT NULL,
                status        TEXT NOT NULL,           -- running | published | dead_lettered
                failed_step   TEXT,
                reason        TEXT,
                context_json  TEXT NOT NULL,           -- everything needed to rebuild the run (channel, brief, options)
                owner_pid     INTEGER,
                started_at    TEXT NOT NULL,
                updated_at    TEXT NOT NULL,
                finished_at   TEXT,
                report_path   TEXT,
                video_path    TEXT
            );
            CREATE INDEX ix_runs_status ON runs (status, started_at);
            CREATE TABLE steps (
                run_id      TEXT NOT NULL,
                step        TEXT NOT NULL,
                ordinal     INTEGER NOT NULL,
                attempts    INTEGER NOT NULL,
                elapsed_ms  INTEGER NOT NULL,
                PRIMARY KEY (run_id, step)
            );
            CREATE TABLE gates (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id     TEXT NOT NULL,
                name       TEXT NOT NULL,
                passed     INTEGER NOT NULL,
                value      REAL,
                threshold  REAL,
                reason     TEXT NOT NULL,
                at         TEXT NOT NULL
            );
            CREATE INDEX ix_gates_run ON gates (run_id, id);
            CREATE TABLE decisions (
                id      INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id  TEXT NOT NULL,
                json    TEXT NOT NULL
            );
            CREATE TABLE artifacts (
                run_id  TEXT NOT NULL,
                key     TEXT NOT NULL,               -- e.g. voice, render:s01:a1, assemble
                json    TEXT NOT NULL,               -- the step's recorded result, reused on re-delivery
                cost_usd REAL NOT NULL DEFAULT 0,
                at      TEXT NOT NULL,
                PRIMARY KEY (run_id, key)
            );
            CREATE TABLE publish_ledger (
                idempotency_key TEXT PRIMARY KEY,
                run_id          TEXT NOT NULL,
                platform        TEXT NOT NULL,
                state           TEXT NOT NULL,       -- intent | confirmed
                receipt_json    TEXT,
                intent_at       TEXT NOT NULL,
                confirmed_at    TEXT
            );
            CREATE INDEX ix_publish_ledger_run ON publish_ledger (run_id);
            CREATE TABLE checkpoints (
                seq            INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id         TEXT NOT NULL,
                checkpoint_id  TEXT NOT NULL,
                json           TEXT NOT NULL,
                executors      TEXT NOT NULL DEFAULT '',  -- executors that ran in the superstep this checkpoint follows
                at             TEXT NOT NULL,
                UNIQUE (run_id, checkpoint_id)
            );
            CREATE TABLE dead_letters (
                run_id      TEXT PRIMARY KEY,
                step        TEXT NOT NULL,
                reason      TEXT NOT NULL,
                gates_json  TEXT NOT NULL,
                at          TEXT NOT NULL,
                retries     INTEGER NOT NULL DEFAULT 0
            );
            """),
        (2, """
            ALTER TABLE runs ADD COLUMN owner_started_at INTEGER;   -- start time (ticks) of the lease holder's process: a reused pid is not the holder
            ALTER TABLE runs ADD COLUMN outcome_json TEXT;          -- the outcome the workflow ended with, before report and finish
            ALTER TABLE runs ADD COLUMN wait_until TEXT;            -- state 'waiting': due at this time (a posting slot, a quota reset)
            ALTER TABLE dead_letters ADD COLUMN discarded_at TEXT;  -- 'dlq discard': ended for good, out of the queue
            """),
        (3, """
            -- Every paid (and free) provider call: reserved before the call, settled or released after. Money in whole
            -- micro-dollars (USD x 1e6) so sums are exact. What counts against a cap: the estimate while 'reserved',
            -- the actual cost once 'spent', nothing once 'released' or 'refused'.
            CREATE TABLE cost_ledger (
                id                INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id            TEXT NOT NULL,
                channel_id        TEXT NOT NULL,
                provider          TEXT NOT NULL,
                tool              TEXT NOT NULL,
                call_key          TEXT NOT NULL,       -- e.g. render:runs/<run>/shots/s01-a1.mp4
                state             TEXT NOT NULL,       -- reserved | spent | released | refused
                estimated_micros  INTEGER NOT NULL,
                actual_micros     INTEGER,             -- set when spent
                day               TEXT NOT NULL,       -- UTC yyyy-MM-dd the call counts against
                month             TEXT NOT NULL,       -- UTC yyyy-MM
                reason            TEXT,                -- why released or refused
                reserved_at       TEXT NOT NULL,
                settled_at        TEXT
            );
            CREATE INDEX ix_cost_ledger_channel_month ON cost_ledger (channel_id, month, day);
            CREATE INDEX ix_cost_ledger_run ON cost_ledger (run_id, call_key);
            -- The caps each channel was last held to (for 'aivideo costs': totals against caps).
            CREATE TABLE budget_caps (
                channel_id        TEXT PRIMARY KEY,
                video_micros      INTEGER NOT NULL,
                day_micros        INTEGER,
                month_micros      INTEGER,
                updated_at        TEXT NOT NULL
            );
            """),
        (4, """
            -- Which executors ran in the superstep a checkpoint follows, in its own narrow table: tagging a checkpoint
            -- used to rewrite its whole row (the framework's JSON, ~8 KB in overflow pages) a second time.
            CREATE TABLE checkpoint_steps (
                run_id         TEXT NOT NULL,
                checkpoint_id  TEXT NOT NULL,
                executors      TEXT NOT NULL,
                PRIMARY KEY (run_id, checkpoint_id)
            ) WITHOUT ROWID;
            INSERT INTO checkpoint_steps (run_id, checkpoint_id, executors)
                SELECT run_id, checkpoint_id, executors FROM checkpoints WHERE executors <> '';
            """),
        (5, """
            -- The voice lock: each channel's voice fingerprint recorded with its first published (or partially published)
            -- video (locked_at), and every changed voice the operator accepted (accepted_at, 'aivideo channel accept-voice').
            CREATE TABLE channel_voices (
                channel_id     TEXT NOT NULL,
                fingerprint    TEXT NOT NULL,       -- SHA-256 hex of provider + voice id + model + settings (+ rate for espeak)
                description    TEXT NOT NULL,
                locked_at      TEXT,                -- set on the channel's one locked row
                accepted_at    TEXT,                -- set on accepted changes
                PRIMARY KEY (channel_id, fingerprint)
            ) WITHOUT ROWID;
            """),
    ];
}
