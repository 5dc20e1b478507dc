namespace AiVideo.Memory.Performance;

/// <summary>
/// Performance tables in the Publish server's SQLite file (<c>&lt;out&gt;/publish.db</c>); only the process that owns the
/// file opens it. Versioned in <c>performance_schema_version</c>.
/// </summary>
internal static class PerformanceSchema
{
    public const int Version = 1;

    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS performance_schema_version (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS performance_videos (
            platform     TEXT NOT NULL,
            external_id  TEXT NOT NULL,
            channel_id   TEXT NOT NULL,
            run_id       TEXT,
            title        TEXT NOT NULL,
            hook         TEXT NOT NULL,
            topic        TEXT NOT NULL,
            beats        TEXT NOT NULL,
            hook_style   TEXT NOT NULL,
            duration_sec REAL NOT NULL,
            posted_at    INTEGER NOT NULL,
            PRIMARY KEY (platform, external_id)
        );
        CREATE INDEX IF NOT EXISTS ix_performance_videos_channel ON performance_videos (channel_id, posted_at);
        CREATE TABLE IF NOT EXISTS performance_metrics (
            platform       TEXT NOT NULL,
            external_id    TEXT NOT NULL,
            observed_at    INTEGER NOT NULL,
            views          INTEGER NOT NULL,
            watch_time_sec REAL NOT NULL,
            avg_view_pct   REAL NOT NULL,
            likes          INTEGER NOT NULL,
            shares         INTEGER NOT NULL,
            comments       INTEGER NOT NULL,
            follows        INTEGER NOT NULL,
            source         TEXT NOT NULL,
            PRIMARY KEY (platform, external_id, observed_at),
            FOREIGN KEY (platform, external_id) REFERENCES performance_videos (platform, external_id)
        );
        CREATE TABLE IF NOT EXISTS performance_index (
            store       TEXT NOT NULL,
            video_key   TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (store, video_key)
        );
        INSERT INTO performance_schema_version (version) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM performance_schema_version);
        """;
}
