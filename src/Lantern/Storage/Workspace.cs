using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>
/// One case on disk: <c>lantern.db</c> (SQLite in WAL mode) and <c>index/</c> (Lucene).
/// Everything the case knows lives in this folder, so it can be archived and handed over whole.
/// </summary>
public sealed class Workspace : IDisposable
{
    public const string DatabaseFileName = "lantern.db";
    public const string IndexFolderName = "index";
    public const string EnvironmentVariable = "LANTERN_WORKSPACE";

    private Workspace(string root, SqliteConnection connection, CaseInfo caseInfo, AuditKey? auditKey)
    {
        Root = root;
        Connection = connection;
        Case = caseInfo;
        AuditKey = auditKey;
        SharedWithGroup = FileModes.IsShared(DatabasePath);
        Documents = new DocumentStore(connection);
        Mentions = new MentionStore(connection);
        Facts = new FactStore(connection);
        Members = new MemberStore(connection);
        SignIns = new SignInStore(connection, Members);
        Audit = new AuditStore(connection);
        Reviews = new ReviewStore(connection);
        Watches = new WatchStore(connection);
        Findings = new FindingStore(connection);
        Relations = new RelationStore(connection);
        Sources = new SourceStore(connection);
        Retention = new RetentionStore(connection);
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, DatabaseFileName);

    public string IndexPath => Path.Combine(Root, IndexFolderName);

    /// <summary>The open database; only the stores (this folder) run SQL on it.</summary>
    internal SqliteConnection Connection { get; }

    // The case's tables, each behind its store: callers reach them here and never construct them, so
    // another database (PostgreSQL) can stand behind the same members without callers changing.
    internal DocumentStore Documents { get; }

    internal MentionStore Mentions { get; }

    internal FactStore Facts { get; }

    internal MemberStore Members { get; }

    internal SignInStore SignIns { get; }

    internal AuditStore Audit { get; }

    internal ReviewStore Reviews { get; }

    internal WatchStore Watches { get; }

    internal FindingStore Findings { get; }

    internal RelationStore Relations { get; }

    internal SourceStore Sources { get; }

    internal RetentionStore Retention { get; }

    public CaseInfo Case { get; }

    /// <summary>The key that signs this case's audit entries, when this user holds it (see <see cref="Storage.AuditKey"/>).</summary>
    internal AuditKey? AuditKey { get; }

    /// <summary>Whether the case was created to be shared with its folder's group (<c>lantern init --share-group</c>).</summary>
    public bool SharedWithGroup { get; }

    /// <summary>How long a writing operation waits for another process's write to end before it gives up; zero refuses at once.</summary>
    public TimeSpan WriterWait { get; set; }

    /// <summary>Told, once, when a writing operation starts to wait for another writer (with whom it waits for).</summary>
    public Action<string>? OnWaitingForWriter { get; set; }

    /// <summary>Takes the workspace's write lock for an operation, waiting up to <see cref="WriterWait"/>.</summary>
    internal WriteLock LockForWriting(string operation, string user) =>
        WriteLock.Acquire(Root, operation, user, WriterWait, OnWaitingForWriter);

    /// <summary>Where a command looks for its workspace: the option, else the environment variable, else the current folder.</summary>
    /// <summary>Where this case's audit key is, or would be looked for (see <see cref="Storage.AuditKey"/>).</summary>
    public string AuditKeyPath => AuditKey?.Path ?? Storage.AuditKey.Location(Case.Id);

    /// <summary>The environment variable that can point to a case's audit key file.</summary>
    public const string AuditKeyVariable = Storage.AuditKey.EnvironmentVariable;

    /// <summary>Who is writing the workspace now (operation, user, process), or null when no one is.</summary>
    public string? Writer => WriteLock.IsHeld(Root) ? WriteLock.Holder(Root) : null;

    /// <summary>How many documents were extracted by an older selector extractor ('lantern reextract' brings them up to date).</summary>
    public long StaleDocuments() => Mentions.StaleCount();

    /// <summary>How many documents' listing facts were read by other facts rules, or not yet ('lantern reextract' brings them up to date).</summary>
    public long StaleFacts() => Facts.CountStale(Extraction.Facts.FactsExtractor.Default.RulesVersion);

    public static string Resolve(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Directory.GetCurrentDirectory());

    public static bool Exists(string root) => File.Exists(Path.Combine(root, DatabaseFileName));

    /// <summary>
    /// Creates a case: its folder (0700, or 2770 with <paramref name="shareWithGroup"/>), the database
    /// and index created with the same restriction, the case's audit key outside the workspace (see
    /// <see cref="Storage.AuditKey"/>). The trail's first entry, the creation itself, is the door's
    /// to write (<c>CaseAdministration.CreateCase</c>).
    /// </summary>
    internal static Workspace Create(string root, CaseInfo caseInfo, bool shareWithGroup = false)
    {
        root = Path.GetFullPath(root);
        if (Exists(root))
        {
            throw new BadInputException($"{root} already holds a workspace ({DatabaseFileName}); choose another folder");
        }

        if (!Directory.Exists(root))
        {
            FileModes.CreateFolder(root, shareWithGroup);
        }

        FileModes.CreateFolder(Path.Combine(root, IndexFolderName), shareWithGroup);
        // SQLite gives the -wal and -shm files the database file's permissions: create it with them first.
        FileModes.CreateEmpty(Path.Combine(root, DatabaseFileName), shareWithGroup);
        var auditKey = AuditKey.FindOrCreate(caseInfo.Id);
        var connection = OpenConnection(Path.Combine(root, DatabaseFileName));
        Migrations.Apply(connection);
        connection.Execute(
            """
            INSERT INTO case_info (id, title, legal_basis, purpose, retention_days, region, created_at, created_by, require_reason_for_lookups)
            VALUES ($id, $title, $basis, $purpose, $retention, $region, $created, $by, $reason);
            INSERT INTO members (name, roles, added_at, added_by) VALUES ($by, 'admin,supervisor', $created, $by);
            """,
            ("$id", caseInfo.Id), ("$title", caseInfo.Title), ("$basis", caseInfo.LegalBasis), ("$purpose", caseInfo.Purpose),
            ("$retention", caseInfo.RetentionDays), ("$region", caseInfo.Region?.ToUpperInvariant()),
            ("$created", caseInfo.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("$by", caseInfo.CreatedBy),
            ("$reason", caseInfo.RequireReasonForLookups ? 1 : 0));
        return new Workspace(root, connection, caseInfo, auditKey);
    }

    public static Workspace Open(string root)
    {
        root = Path.GetFullPath(root);
        if (!Exists(root))
        {
            throw new BadInputException(
                $"no Lantern workspace in {root}: create one with 'lantern init', or point to one with -w DIR or {EnvironmentVariable}");
        }

        var connection = OpenConnection(Path.Combine(root, DatabaseFileName));
        try
        {
            Migrations.Apply(connection);
            var shared = FileModes.IsShared(Path.Combine(root, DatabaseFileName));
            if (!Directory.Exists(Path.Combine(root, IndexFolderName)))
            {
                FileModes.CreateFolder(Path.Combine(root, IndexFolderName), shared);
            }

            var caseInfo = ReadCase(connection);
            return new Workspace(root, connection, caseInfo, AuditKey.Find(caseInfo.Id));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Another handle on this open workspace, for one of many concurrent callers (a server's
    /// requests): a connection from SQLite's pool (WAL lets readers run beside a writer; writers
    /// queue on <c>busy_timeout</c>), sharing the case and key already read. Dispose it to return
    /// the connection to the pool.
    /// </summary>
    public Workspace Attach()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        connection.Execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");

        return new Workspace(Root, connection, Case, AuditKey);
    }

    private static SqliteConnection OpenConnection(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        connection.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 10000;
            PRAGMA cache_size = -65536;
            PRAGMA wal_autocheckpoint = 4000;
            """);
        return connection;
    }

    private static CaseInfo ReadCase(SqliteConnection connection) =>
        connection.Query(
            "SELECT id, title, legal_basis, purpose, retention_days, region, created_at, created_by, require_reason_for_lookups FROM case_info LIMIT 1",
            reader => new CaseInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.NullableString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.NullableString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                reader.GetString(7))
            {
                RequireReasonForLookups = reader.GetInt32(8) == 1,
            }) is [var caseInfo, ..]
            ? caseInfo
            : throw new BadInputException("the workspace has no case record; it was not created by 'lantern init'");

    public void Dispose() => Connection.Dispose();
}
