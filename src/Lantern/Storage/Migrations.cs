using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>
/// Versioned schema of <c>lantern.db</c>. Each step runs once, in order, inside a transaction;
/// the applied version is kept in SQLite's <c>user_version</c>, so an older workspace is upgraded
/// when a newer Lantern opens it and a newer one is refused by an older Lantern.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE case_info (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            legal_basis TEXT NOT NULL,
            purpose TEXT,
            retention_days INTEGER,
            region TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            format TEXT NOT NULL,
            site TEXT NOT NULL DEFAULT '',
            options TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            documents INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ingested_by TEXT NOT NULL,
            UNIQUE (sha256, format, site, options)
        );
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            doc_key TEXT NOT NULL,
            site TEXT NOT NULL,
            source_id TEXT,
            author TEXT,
            title TEXT,
            text TEXT NOT NULL,
            posted_at TEXT,
            url TEXT,
            kind TEXT NOT NULL,
            thread TEXT,
            metadata TEXT,
            content_sha256 TEXT NOT NULL,
            source_file INTEGER NOT NULL REFERENCES sources(id),
            source_path TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            line INTEGER,
            record INTEGER,
            byte_start INTEGER NOT NULL,
            byte_end INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            ingested_by TEXT NOT NULL
        );
        CREATE INDEX documents_site_author ON documents(site, author);
        CREATE INDEX documents_posted_at ON documents(posted_at);
        CREATE TABLE ingest_errors (
            id INTEGER PRIMARY KEY,
            source_path TEXT NOT NULL,
            location TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
        """
        ALTER TABLE documents ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE selectors (
            id INTEGER PRIMARY KEY,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            UNIQUE (type, value)
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            selector INTEGER NOT NULL REFERENCES selectors(id),
            raw TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL NOT NULL,
            obfuscated INTEGER NOT NULL,
            rule TEXT NOT NULL
        );
        CREATE INDEX mentions_document ON mentions(document);
        CREATE INDEX mentions_selector ON mentions(selector);
        CREATE TABLE rejected_candidates (
            id INTEGER PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            type TEXT NOT NULL,
            raw TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX rejected_candidates_document ON rejected_candidates(document);
        """,
        """
        CREATE TABLE members (
            name TEXT PRIMARY KEY,
            roles TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL
        );
        INSERT INTO members (name, roles, added_at, added_by)
            SELECT created_by, 'admin,supervisor', created_at, created_by FROM case_info;
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            parameters TEXT NOT NULL,
            result_count INTEGER,
            justification TEXT,
            outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        ALTER TABLE case_info ADD COLUMN require_reason_for_lookups INTEGER NOT NULL DEFAULT 0;
        """,
        """
        CREATE TABLE retention_log (
            id INTEGER PRIMARY KEY,
            run_at TEXT NOT NULL,
            run_by TEXT NOT NULL,
            document_id TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            weight REAL NOT NULL,
            at TEXT,
            source_file INTEGER NOT NULL REFERENCES sources(id),
            line INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            ingested_by TEXT NOT NULL,
            UNIQUE (source_file, line, source, target)
        );
        CREATE INDEX relations_at ON relations(at);
        """,
        """
        CREATE TABLE reviews (
            cluster_id TEXT PRIMARY KEY,
            members TEXT NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            audit_seq INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE sign_in (
            name TEXT PRIMARY KEY REFERENCES members(name) ON DELETE CASCADE,
            password_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            changed_at TEXT NOT NULL
        );
        """,
        """
        ALTER TABLE audit ADD COLUMN operator TEXT;
        ALTER TABLE audit ADD COLUMN signature TEXT;
        """,
        """
        ALTER TABLE documents ADD COLUMN repairs TEXT;
        """,
        """
        CREATE TABLE sign_in_sessions (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            started_at TEXT NOT NULL
        );
        CREATE INDEX sign_in_sessions_name ON sign_in_sessions(name);
        """,
        """
        ALTER TABLE documents ADD COLUMN listing TEXT;
        UPDATE documents SET listing = id;
        CREATE INDEX documents_listing ON documents(listing);
        """,
        """
        CREATE TABLE facts (
            document INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
            rules_version TEXT NOT NULL,
            data TEXT
        );
        """,
        """
        CREATE TABLE watches (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            reason TEXT,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            after_row INTEGER NOT NULL,
            removed_by TEXT,
            removed_at TEXT
        );
        CREATE UNIQUE INDEX watches_active ON watches(kind, target) WHERE removed_at IS NULL;
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            watch INTEGER NOT NULL REFERENCES watches(id),
            raised_at TEXT NOT NULL,
            raised_by TEXT NOT NULL
        );
        CREATE TABLE alert_documents (
            alert INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            watch INTEGER NOT NULL REFERENCES watches(id),
            document TEXT NOT NULL,
            PRIMARY KEY (alert, document),
            UNIQUE (watch, document)
        );
        CREATE TABLE alert_acks (
            alert INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (alert, user)
        );
        """,
        """
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            note TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            removed_by TEXT,
            removed_at TEXT
        );
        """,
        // The last document row the watches were checked through: an ingest that died after storing its documents and
        // before checking them leaves it behind, and the next ingest checks those rows too.
        """
        CREATE TABLE watch_progress (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            checked_through INTEGER NOT NULL
        );
        INSERT INTO watch_progress (id, checked_through) VALUES (1, (SELECT coalesce(max(rowid), 0) FROM documents));
        """,
    ];

    public static int LatestVersion => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current == Steps.Length)
        {
            return;
        }

        if (current > Steps.Length)
        {
            throw new BadInputException(
                $"this workspace has schema version {current}, newer than this Lantern understands ({Steps.Length}); upgrade Lantern");
        }

        for (var version = current; version < Steps.Length; version++)
        {
            using var transaction = connection.BeginTransaction();
            transaction.Execute(Steps[version] + $"\nPRAGMA user_version = {version + 1};");
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection) => (int)connection.Number("PRAGMA user_version");
}
