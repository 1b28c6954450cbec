using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lantern.Storage;

/// <summary>A newly stored document as the watch check reads it: its row, id and handle.</summary>
internal sealed record NewDocument(long RowId, string Id, string Site, string? Author);

/// <summary>A mention in a newly stored document: the document's row and the selector's normalized type and value.</summary>
internal sealed record NewMention(long DocumentRowId, string Type, string Value);

/// <summary>
/// The case's watches, the alerts they raised (each with its documents) and who acknowledged which.
/// A watch keeps the last document row stored when it was added, so no document stored before it
/// can raise an alert; a document is in at most one alert of a watch (a unique key says so).
/// </summary>
internal sealed class WatchStore
{
    private const string WatchColumns = "w.id, w.kind, w.target, w.reason, w.added_by, w.added_at";

    private readonly SqliteConnection connection;

    internal WatchStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Adds a watch that sees documents stored after row <paramref name="afterRow"/>; null when the same one is already active.</summary>
    public Watch? Add(string kind, string target, string? reason, string user, DateTimeOffset at, long afterRow)
    {
        var id = connection.Scalar(
            """
            INSERT INTO watches (kind, target, reason, added_by, added_at, after_row) VALUES ($kind, $target, $reason, $by, $at, $after)
            ON CONFLICT DO NOTHING RETURNING id
            """,
            ("$kind", kind), ("$target", target), ("$reason", reason), ("$by", user), ("$at", Stamp(at)), ("$after", afterRow));
        return id is null ? null : new Watch(Convert.ToInt64(id, CultureInfo.InvariantCulture), kind, target, reason, user, at);
    }

    /// <summary>The active watch of a kind and target, if any.</summary>
    public Watch? Find(string kind, string target) =>
        connection.Query($"SELECT {WatchColumns} FROM watches w WHERE kind = $kind AND target = $target AND removed_at IS NULL", ReadWatch,
            ("$kind", kind), ("$target", target)) is [var watch] ? watch : null;

    /// <summary>The active watches, oldest first, each with the last row stored before it was added.</summary>
    public IReadOnlyList<(Watch Watch, long AfterRow)> Active() =>
        connection.Query($"SELECT {WatchColumns}, w.after_row FROM watches w WHERE removed_at IS NULL ORDER BY id",
            reader => (ReadWatch(reader), reader.GetInt64(6)));

    /// <summary>Ends a watch (its alerts stay); false when no active watch has that id.</summary>
    public bool Remove(long id, string user, DateTimeOffset at) =>
        connection.Execute("UPDATE watches SET removed_by = $by, removed_at = $at WHERE id = $id AND removed_at IS NULL",
            ("$id", id), ("$by", user), ("$at", Stamp(at))) == 1;

    /// <summary>The documents stored after a row, one at a time.</summary>
    public IEnumerable<NewDocument> DocumentsAfter(long row) =>
        connection.Stream("SELECT rowid, id, site, author FROM documents WHERE rowid > $after ORDER BY rowid",
            reader => new NewDocument(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.NullableString(3)), ("$after", row));

    /// <summary>The mentions in documents stored after a row, one at a time (one pass over the new rows' mentions).</summary>
    public IEnumerable<NewMention> MentionsAfter(long row) =>
        connection.Stream(
            "SELECT m.document, s.type, s.value FROM mentions m JOIN selectors s ON s.id = m.selector WHERE m.document > $after",
            reader => new NewMention(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)), ("$after", row));

    /// <summary>The last document row the watches were checked through.</summary>
    public long CheckedThrough() => connection.Number("SELECT checked_through FROM watch_progress WHERE id = 1");

    /// <summary>Records that the watches were checked through a row (when there were none to raise alerts).</summary>
    public void MarkChecked(long row) =>
        connection.Execute("UPDATE watch_progress SET checked_through = max(checked_through, $row) WHERE id = 1", ("$row", row));

    /// <summary>
    /// Records one alert per watch with the documents it has not alerted on before, and that the watches were checked
    /// through <paramref name="checkedThrough"/>, in one transaction; a watch whose documents were all alerted on
    /// already gets none. Returns the ids of the alerts raised.
    /// </summary>
    public IReadOnlyList<long> Raise(IReadOnlyList<(long Watch, IReadOnlyList<string> Documents)> matches, long checkedThrough, string user, DateTimeOffset at)
    {
        var raised = new List<long>();
        using var transaction = connection.BeginTransaction(deferred: false);
        transaction.Execute("UPDATE watch_progress SET checked_through = max(checked_through, $row) WHERE id = 1", ("$row", checkedThrough));
        foreach (var (watch, documents) in matches)
        {
            var alert = transaction.Query(
                "INSERT INTO alerts (watch, raised_at, raised_by) VALUES ($watch, $at, $by) RETURNING id",
                reader => reader.GetInt64(0), ("$watch", watch), ("$at", Stamp(at)), ("$by", user))[0];
            using var insert = transaction.Prepare(
                "INSERT INTO alert_documents (alert, watch, document) VALUES ($alert, $watch, $document) ON CONFLICT DO NOTHING",
                ("$alert", alert), ("$watch", watch), ("$document", string.Empty));
            var kept = 0;
            foreach (var document in documents)
            {
                insert.Parameters["$document"].Value = document;
                kept += insert.ExecuteNonQuery();
            }

            if (kept == 0)
            {
                transaction.Execute("DELETE FROM alerts WHERE id = $id", ("$id", alert));
            }
            else
            {
                raised.Add(alert);
            }
        }

        transaction.Commit();
        return raised;
    }

    /// <summary>
    /// Alerts newest first, with their watches, documents and <paramref name="user"/>'s acknowledgement:
    /// only those the user has not acknowledged unless <paramref name="all"/>, only those raised since a time when given.
    /// </summary>
    public IReadOnlyList<Alert> Alerts(string user, bool all, DateTimeOffset? since)
    {
        var filter = (all ? string.Empty : " AND k.alert IS NULL") + (since is null ? string.Empty : " AND a.raised_at >= $since");
        var alerts = connection.Query(
            $"""
            SELECT a.id, a.raised_at, a.raised_by, k.user, k.at, {WatchColumns}
            FROM alerts a JOIN watches w ON w.id = a.watch LEFT JOIN alert_acks k ON k.alert = a.id AND k.user = $user
            WHERE 1 = 1{filter} ORDER BY a.id DESC
            """,
            reader => (Id: reader.GetInt64(0), At: Parse(reader.GetString(1)), By: reader.GetString(2),
                Ack: reader.IsDBNull(3) ? null : new AlertAcknowledgement(reader.GetString(3), Parse(reader.GetString(4))), Watch: ReadWatch(reader, 5)),
            ("$user", user), ("$since", since is null ? null : Stamp(since.Value)));
        if (alerts.Count == 0)
        {
            return [];
        }

        var documents = connection.Query(
            $"""
            SELECT ad.alert, ad.document, coalesce(d.site, ''), d.source_id, d.author, d.title
            FROM alert_documents ad LEFT JOIN documents d ON d.id = ad.document
            WHERE ad.alert IN ({string.Join(',', alerts.Select(alert => alert.Id.ToString(CultureInfo.InvariantCulture)))})
            ORDER BY ad.rowid
            """,
            reader => (Alert: reader.GetInt64(0), Document: new AlertDocument(reader.GetString(1), reader.GetString(2), reader.NullableString(3), reader.NullableString(4), reader.NullableString(5))))
            .ToLookup(row => row.Alert, row => row.Document);
        return alerts.Select(alert => new Alert(alert.Id, alert.Watch, alert.At, alert.By, documents[alert.Id].ToList(), alert.Ack)).ToList();
    }

    /// <summary>How many alerts <paramref name="user"/> has not acknowledged.</summary>
    public int Unread(string user) =>
        (int)connection.Number("SELECT count(*) FROM alerts a WHERE NOT EXISTS (SELECT 1 FROM alert_acks k WHERE k.alert = a.id AND k.user = $user)", ("$user", user));

    /// <summary>Acknowledges alerts for a user (all of theirs unread when <paramref name="ids"/> is null); returns the ids newly acknowledged.</summary>
    public IReadOnlyList<long> Acknowledge(IReadOnlyCollection<long>? ids, string user, DateTimeOffset at)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var unread = transaction.Query(
            "SELECT a.id FROM alerts a WHERE NOT EXISTS (SELECT 1 FROM alert_acks k WHERE k.alert = a.id AND k.user = $user) ORDER BY a.id",
            reader => reader.GetInt64(0), ("$user", user));
        var chosen = ids is null ? unread : unread.Where(ids.Contains).ToList();
        foreach (var id in chosen)
        {
            transaction.Execute("INSERT INTO alert_acks (alert, user, at) VALUES ($alert, $user, $at)", ("$alert", id), ("$user", user), ("$at", Stamp(at)));
        }

        transaction.Commit();
        return chosen;
    }

    /// <summary>Which of these ids are alerts of the case.</summary>
    public IReadOnlyList<long> Existing(IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? [] : connection.Query(
            $"SELECT id FROM alerts WHERE id IN ({string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))})", reader => reader.GetInt64(0));

    private static Watch ReadWatch(SqliteDataReader reader) => ReadWatch(reader, 0);

    private static Watch ReadWatch(SqliteDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2), reader.NullableString(first + 3), reader.GetString(first + 4),
            Parse(reader.GetString(first + 5)));

    private static string Stamp(DateTimeOffset at) => AuditStore.Timestamp(at);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
