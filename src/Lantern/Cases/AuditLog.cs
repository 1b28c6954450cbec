using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>The result of recomputing the chain: fine, or the first entry found wrong and how.</summary>
public sealed record AuditVerification(bool Intact, long Entries, string? HeadHash, long? FirstBadSeq, string? Problem)
{
    /// <summary>Whether the entries' signatures were checked with the case's audit key.</summary>
    public bool SignaturesChecked { get; init; }

    /// <summary>What the verification could not check, said plainly (e.g. no key, so signatures were not checked).</summary>
    public string? Notice { get; init; }

    /// <summary>The entry the chain's head is at when the verification's own entry is written.</summary>
    public long HeadEntry { get; init; }
}

/// <summary>
/// A signed statement "entry N of case C had hash H at time T", kept somewhere the workspace's
/// writers cannot reach (another machine, a case file), so that a later verification can prove the
/// trail still holds that entry unaltered: truncation or a wipe below it cannot be hidden.
/// </summary>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("entry")] long Entry,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("signature")] string? Signature)
{
    /// <summary>What the signature covers; derived from the fields, so not written to the file.</summary>
    [JsonIgnore]
    public string SignedText => $"{Case}\n{Entry.ToString(CultureInfo.InvariantCulture)}\n{Hash}\n{At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";

    public static AuditCheckpoint Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(path))
                ?? throw new BadInputException($"{path} is not a Lantern audit checkpoint");
        }
        catch (JsonException exception)
        {
            throw new BadInputException($"{path} is not a Lantern audit checkpoint: {exception.Message}");
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented) + "\n";
}

/// <summary>
/// The tamper-evident audit trail: an append-only hash chain in <c>lantern.db</c> (each entry holds
/// the SHA-256 of the one before), each entry signed with the case's <see cref="AuditKey"/> held
/// outside the workspace, and the head — last sequence number, hash and signature — also written to
/// <c>audit-head</c> beside it, so that removing entries from the end is noticed too. Signed
/// checkpoints exported elsewhere (<c>lantern audit checkpoint</c>) catch what a writer of both files could hide.
/// </summary>
internal sealed class AuditLog(Workspace workspace, AuditKey? key)
{
    /// <summary>The trail as this user can sign and check it: with the case's key when they hold it.</summary>
    public AuditLog(Workspace workspace)
        : this(workspace, workspace.AuditKey)
    {
    }

    public const string HeadFileName = "audit-head";

    /// <summary>The action of an entry recording that the head file disagreed with the database when an entry was appended.</summary>
    public const string AnomalyAction = "audit.anomaly";

    public const string AnomalyOutcome = "tamper-detected";

    private static readonly JsonSerializerOptions ParameterJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    public static readonly string Genesis = new('0', 64);

    public string HeadPath => Path.Combine(workspace.Root, HeadFileName);

    /// <summary>
    /// Appends an entry. Reading the last entry, inserting the next and writing the head happen inside
    /// one immediate (write-locked) transaction, so two processes appending at once take turns and the
    /// head file is never written out of order.
    /// </summary>
    public AuditEntry Append(string user, string role, string action, object parameters, long? resultCount, string? justification, string outcome = "ok", string? operatorName = null)
    {
        using var transaction = workspace.Audit.BeginAppend();
        var (lastSeq, lastHash, lastSigned) = workspace.Audit.Tail(transaction) ?? new AuditTail(0, Genesis, false);
        var head = ReadHead();
        // Before a new head replaces it, the old one must agree with the database's tail: otherwise
        // this append would launder a cut-short trail. The disagreement becomes an entry of its own,
        // chained and signed like any other, so that verification keeps failing after the head is rewritten.
        if (!(lastSeq == 0 && head.Missing) && HeadProblem(head, lastSeq, lastHash, lastSigned) is { } problem)
        {
            var anomaly = Insert(transaction, new AuditEntry(lastSeq + 1, DateTimeOffset.UtcNow, user, role, AnomalyAction,
                JsonSerializer.Serialize(new { problem = problem.Problem, head_file = Shortened(head.Text), database_tail = new { entry = lastSeq, hash = lastHash } }, ParameterJson),
                null, null, AnomalyOutcome, lastHash, string.Empty, operatorName));
            (lastSeq, lastHash) = (anomaly.Seq, anomaly.Hash);
        }

        var entry = Insert(transaction, new AuditEntry(lastSeq + 1, DateTimeOffset.UtcNow, user, role, action,
            JsonSerializer.Serialize(parameters, ParameterJson), resultCount, justification, outcome, lastHash, string.Empty, operatorName));
        // The head is written before the commit, under the write lock: a crash in between leaves the
        // head one ahead (reported as a missing last entry), never a head another process overtook.
        WriteHead(entry.Seq, entry.Hash);
        try
        {
            transaction.Commit();
        }
        catch
        {
            RestoreHead(head);
            throw;
        }

        return entry;
    }

    private AuditEntry Insert(StoreTransaction transaction, AuditEntry unsigned)
    {
        var entry = unsigned with { Hash = ComputeHash(unsigned) };
        entry = entry with { Signature = key?.Sign("audit-entry", EntryMessage(entry)) };
        workspace.Audit.Insert(transaction, entry);
        return entry;
    }

    public IReadOnlyList<AuditEntry> Entries(string? user = null, string? action = null, DateTimeOffset? since = null) =>
        workspace.Audit.Entries(user, action, since);

    /// <summary>The last entry's number and hash (entry 0 and the genesis hash for an empty trail).</summary>
    public (long Seq, string Hash) Head() =>
        workspace.Audit.Tail() is { } tail ? (tail.Seq, tail.Hash) : (0, Genesis);

    /// <summary>
    /// The "started" entries (e.g. of an ingest) that no later entry closes: the process was killed, or
    /// is still running. A closing entry names the started one in its <c>started_entry</c> parameter.
    /// </summary>
    public static IReadOnlySet<long> Unfinished(IReadOnlyList<AuditEntry> entries)
    {
        var closed = new HashSet<long>();
        foreach (var entry in entries)
        {
            using var parameters = JsonDocument.Parse(entry.Parameters);
            if (parameters.RootElement.ValueKind == JsonValueKind.Object
                && parameters.RootElement.TryGetProperty("started_entry", out var started) && started.TryGetInt64(out var seq))
            {
                closed.Add(seq);
            }
        }

        return entries.Where(entry => entry.Outcome == "started" && !closed.Contains(entry.Seq)).Select(entry => entry.Seq).ToHashSet();
    }

    /// <summary>A signed checkpoint of the current head, to keep outside the workspace.</summary>
    public AuditCheckpoint Checkpoint()
    {
        var (seq, hash) = Head();
        var checkpoint = new AuditCheckpoint(workspace.Case.Id, seq, hash, DateTimeOffset.UtcNow, null);
        return checkpoint with { Signature = key?.Sign("audit-checkpoint", checkpoint.SignedText) };
    }

    /// <summary>
    /// Recomputes the chain from the first entry and names the first that was removed (a gap in the
    /// sequence), inserted or reordered (not chained to its predecessor), altered (its content no
    /// longer gives its hash) or forged (with the key: its signature is missing or wrong); then checks
    /// the end against the recorded head, a head the analyst recorded elsewhere and a checkpoint.
    /// </summary>
    public AuditVerification Verify(string? expectedHead = null, AuditCheckpoint? checkpoint = null)
    {
        var entries = Entries();
        var firstSigned = entries.FirstOrDefault(entry => entry.Signature is not null)?.Seq;
        var previousHash = Genesis;
        long expectedSeq = 1;
        foreach (var entry in entries)
        {
            if (entry.Seq != expectedSeq)
            {
                return Bad(entry.Seq > expectedSeq ? expectedSeq : entry.Seq,
                    entry.Seq > expectedSeq
                        ? $"entry {expectedSeq} was removed: the sequence jumps from {expectedSeq - 1} to {entry.Seq}"
                        : $"entry {entry.Seq} is out of order");
            }

            if (entry.PrevHash != previousHash)
            {
                return Bad(entry.Seq, $"entry {entry.Seq} is not chained to entry {entry.Seq - 1}: an entry was inserted, removed or reordered here");
            }

            if (ComputeHash(entry) != entry.Hash)
            {
                return Bad(entry.Seq, $"entry {entry.Seq} was altered: its content no longer matches its hash");
            }

            if (key is not null && entry.Seq >= (firstSigned ?? 1) && !key.Verifies("audit-entry", EntryMessage(entry), entry.Signature))
            {
                return Bad(entry.Seq, entry.Signature is null
                    ? $"entry {entry.Seq} carries no signature: it was forged, or written by a process without the case's audit key"
                    : $"entry {entry.Seq}'s signature does not match the audit key {key.Path}: the trail was rewritten from here, or this is not the case's key");
            }

            previousHash = entry.Hash;
            expectedSeq++;
        }

        var lastSeq = expectedSeq - 1;
        if (lastSeq == 0)
        {
            return Bad(1, "the trail is empty, but every case's trail starts with the entry of its creation: it was wiped");
        }

        // Every end check is made, so a failure names all that is wrong at the end (e.g. a recorded
        // anomaly and the checkpoint it cut off), the earliest entry first.
        var endProblems = new List<(long Seq, string Problem)>();
        if (HeadProblem(ReadHead(), lastSeq, entries[^1].Hash, entries[^1].Signature is not null) is { } headProblem)
        {
            endProblems.Add(headProblem);
        }

        if (RecordedAnomaly(entries) is { } anomaly)
        {
            endProblems.Add(anomaly);
        }

        if (expectedHead is { Length: > 0 } && !entries.Any(entry => entry.Hash.Equals(expectedHead.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            endProblems.Add((lastSeq + 1, $"the expected head {expectedHead.Trim()[..Math.Min(12, expectedHead.Trim().Length)]}… is not in the chain: entries up to it were removed or altered"));
        }

        string? checkpointNotice = null;
        if (checkpoint is not null && CheckpointProblem(checkpoint, entries, out checkpointNotice) is { } checkpointProblem)
        {
            endProblems.Add(checkpointProblem);
        }

        if (endProblems.Count > 0)
        {
            var ordered = endProblems.OrderBy(problem => problem.Seq).ToList();
            return Bad(ordered[0].Seq, string.Join("; and ", ordered.Select(problem => problem.Problem)));
        }

        var notices = new List<string>();
        if (key is null)
        {
            notices.Add($"signatures not checked: no audit key for case {workspace.Case.Id} at {AuditKey.Location(workspace.Case.Id)} (set {AuditKey.EnvironmentVariable}); " +
                "only the hash chain was checked, which does not catch a consistently rewritten trail");
        }
        else if (firstSigned is > 1)
        {
            notices.Add($"entries 1–{firstSigned - 1} predate signing; entry {firstSigned}'s signature vouches for them through the chain");
        }

        if (checkpointNotice is not null)
        {
            notices.Add(checkpointNotice);
        }

        return new AuditVerification(true, entries.Count, previousHash, null, null)
        {
            SignaturesChecked = key is not null,
            Notice = notices.Count > 0 ? string.Join("; ", notices) : null,
            HeadEntry = lastSeq,
        };

        AuditVerification Bad(long seq, string problem) => new(false, entries.Count, null, seq, problem) { SignaturesChecked = key is not null, HeadEntry = entries.Count > 0 ? entries[^1].Seq : 0 };
    }

    /// <summary>What <c>audit-head</c> held when read: its text, or why there was none.</summary>
    private sealed record HeadFile(string? Text, bool Missing, string? ReadError);

    private HeadFile ReadHead()
    {
        try
        {
            return new HeadFile(File.ReadAllText(HeadPath), false, null);
        }
        catch (FileNotFoundException)
        {
            return new HeadFile(null, true, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new HeadFile(null, false, exception.Message);
        }
    }

    /// <summary>
    /// How the head file disagrees with the database's last entry, if it does. The head's signature is
    /// checked only when the last entry is signed: a head written without the key goes with an unsigned
    /// entry, which verification with the key already reports as forged.
    /// </summary>
    private (long Seq, string Problem)? HeadProblem(HeadFile head, long lastSeq, string lastHash, bool lastSigned)
    {
        if (head.Missing)
        {
            return (lastSeq + 1, $"{HeadFileName} is missing, so entries removed from the end cannot be ruled out: it was deleted, or the workspace was copied without it");
        }

        if (head.Text is null)
        {
            return (lastSeq + 1, $"{HeadFileName} cannot be read ({head.ReadError}), so entries removed from the end cannot be ruled out");
        }

        var parts = head.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || parts[1].Length != 64)
        {
            return (lastSeq + 1, $"{HeadFileName} is not a head record (\"ENTRY HASH [SIGNATURE]\"), so entries removed from the end cannot be ruled out");
        }

        var hash = parts[1];
        if (seq > lastSeq)
        {
            return (lastSeq + 1, $"entries {lastSeq + 1}–{seq} were removed from the end: the recorded head is entry {seq}");
        }

        if (seq < lastSeq)
        {
            return (seq + 1, $"{HeadFileName} records entry {seq} but the trail goes on to entry {lastSeq}: the head file was replaced by an older copy");
        }

        if (!hash.Equals(lastHash, StringComparison.OrdinalIgnoreCase))
        {
            return (lastSeq, $"the last entry does not match the recorded head ({hash[..12]}…): entries were removed or replaced at the end");
        }

        if (key is not null && lastSigned && !key.Verifies("audit-head", HeadMessage(seq, hash), parts.Length == 3 ? parts[2] : null))
        {
            return (lastSeq, $"{HeadFileName}'s signature does not match the audit key: the head file was forged");
        }

        return null;
    }

    /// <summary>The first <see cref="AnomalyAction"/> entry, as a verification failure naming what it recorded.</summary>
    private static (long Seq, string Problem)? RecordedAnomaly(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.FirstOrDefault(entry => entry.Action == AnomalyAction) is not { } anomaly)
        {
            return null;
        }

        string? problem = null;
        using (var parameters = JsonDocument.Parse(anomaly.Parameters))
        {
            if (parameters.RootElement.ValueKind == JsonValueKind.Object && parameters.RootElement.TryGetProperty("problem", out var recorded)
                && recorded.ValueKind == JsonValueKind.String)
            {
                problem = recorded.GetString();
            }
        }

        var more = entries.Count(entry => entry.Action == AnomalyAction) - 1;
        return (anomaly.Seq, $"entry {anomaly.Seq} ({AnomalyAction}, {anomaly.At:u}, by {anomaly.Who}) records that {HeadFileName} disagreed with the database's last entry " +
            $"when it was appended: {problem ?? "(no description)"}{(more > 0 ? $"; {more} later {AnomalyAction} entr{(more == 1 ? "y" : "ies")} too" : string.Empty)}");
    }

    private (long Seq, string Problem)? CheckpointProblem(AuditCheckpoint checkpoint, IReadOnlyList<AuditEntry> entries, out string? notice)
    {
        notice = null;
        if (checkpoint.Case != workspace.Case.Id)
        {
            return (0, $"the checkpoint is of case {checkpoint.Case}, not {workspace.Case.Id}");
        }

        if (key is not null && !key.Verifies("audit-checkpoint", checkpoint.SignedText, checkpoint.Signature))
        {
            return (checkpoint.Entry, "the checkpoint's signature does not match the audit key: it was altered or forged");
        }

        if (key is null)
        {
            notice = "the checkpoint's signature was not checked (no audit key)";
        }

        if (checkpoint.Entry > entries.Count)
        {
            return (entries.Count + 1, $"the checkpoint records entry {checkpoint.Entry} ({checkpoint.At:u}) but the trail ends at entry {entries.Count}: entries were removed");
        }

        if (checkpoint.Entry >= 1 && !entries[(int)checkpoint.Entry - 1].Hash.Equals(checkpoint.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return (checkpoint.Entry, $"entry {checkpoint.Entry} is not the one checkpointed at {checkpoint.At:u}: the trail up to it was rewritten");
        }

        return null;
    }

    public static string ComputeHash(AuditEntry entry)
    {
        var fields = new List<object?>
        {
            entry.Seq, AuditStore.Timestamp(entry.At), entry.User, entry.Role, entry.Action, entry.Parameters,
            entry.ResultCount, entry.Justification, entry.Outcome, entry.PrevHash,
        };
        // Entries written before operators were recorded keep the hash they were written with.
        if (entry.Operator is not null)
        {
            fields.Add(entry.Operator);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }

    private string EntryMessage(AuditEntry entry) => $"{workspace.Case.Id}\n{entry.Hash}";

    private string HeadMessage(long seq, string hash) => $"{workspace.Case.Id}\n{seq.ToString(CultureInfo.InvariantCulture)}\n{hash}";

    private void WriteHead(long seq, string hash)
    {
        var signature = key is null ? string.Empty : " " + key.Sign("audit-head", HeadMessage(seq, hash));
        WriteHeadText($"{seq.ToString(CultureInfo.InvariantCulture)} {hash}{signature}\n");
    }

    private void WriteHeadText(string text)
    {
        var temporary = $"{HeadPath}.{Environment.ProcessId}.tmp";
        FileModes.WriteAllText(temporary, text, workspace.SharedWithGroup);
        File.Move(temporary, HeadPath, overwrite: true);
    }

    /// <summary>Puts back the head file as it was before a failed append, so the append leaves no trace and hides nothing.</summary>
    private void RestoreHead(HeadFile before)
    {
        if (before.Text is { } text)
        {
            WriteHeadText(text);
        }
        else if (before.Missing)
        {
            File.Delete(HeadPath);
        }
    }

    /// <summary>The head file's text as evidence, cut short: garbage written there must not swell the trail.</summary>
    private static string? Shortened(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text;
}
