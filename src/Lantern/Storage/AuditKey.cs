using System.Security.Cryptography;
using System.Text;

namespace Lantern.Storage;

/// <summary>
/// The secret that signs a case's audit entries (HMAC-SHA256), held outside the workspace so that
/// whoever can write the workspace cannot re-sign a rewritten trail. It is found in the file named by
/// <c>LANTERN_AUDIT_KEY</c>, else in the operating-system user's own
/// <c>~/.config/lantern/audit-keys/CASE.key</c>, created 0600 when the case is created.
/// </summary>
internal sealed class AuditKey
{
    public const string EnvironmentVariable = "LANTERN_AUDIT_KEY";
    private const int KeyBytes = 32;

    private readonly byte[] secret;

    private AuditKey(byte[] secret, string path)
    {
        this.secret = secret;
        Path = path;
    }

    /// <summary>The file the key was read from.</summary>
    public string Path { get; }

    /// <summary>Where the key of a case is looked for: <c>LANTERN_AUDIT_KEY</c>, else the per-user default.</summary>
    public static string Location(string caseId) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named
            ? System.IO.Path.GetFullPath(named)
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                "lantern", "audit-keys", SafeFileName(caseId) + ".key");

    /// <summary>The case's key, or null when this user has none (entries are then written unsigned).</summary>
    public static AuditKey? Find(string caseId) => Read(Location(caseId));

    /// <summary>Reads a key file; null when there is none, an error when the file is not a key.</summary>
    public static AuditKey? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        try
        {
            var secret = Convert.FromHexString(text);
            if (secret.Length == KeyBytes)
            {
                return new AuditKey(secret, path);
            }
        }
        catch (FormatException)
        {
        }

        throw new BadInputException($"{path} is not a Lantern audit key (64 hexadecimal digits); point {EnvironmentVariable} to the case's key file");
    }

    /// <summary>The case's key, created (0600, in a 0700 folder) when there is none yet.</summary>
    public static AuditKey FindOrCreate(string caseId)
    {
        var path = Location(caseId);
        if (Read(path) is { } existing)
        {
            return existing;
        }

        return Create(path);
    }

    /// <summary>Creates a new random key at <paramref name="path"/> (0600), or reads the one another process created there first.</summary>
    public static AuditKey Create(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        FileModes.WriteAllText(temporary, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n", shared: false);
        try
        {
            // Never replaces a key another process created meanwhile: a case keeps its first key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return Read(path)!;
    }

    /// <summary>HMAC-SHA256 of a purpose-labelled message, lower-case hex.</summary>
    public string Sign(string purpose, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"lantern-{purpose}-v1\n{message}")));

    /// <summary>Whether a signature is this key's, compared in constant time.</summary>
    public bool Verifies(string purpose, string message, string? signature) =>
        signature is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(purpose, message)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    /// <summary>A key derived for another purpose (e.g. protecting the web server's own keys), never the signing key itself.</summary>
    public byte[] Derive(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyBytes, info: Encoding.UTF8.GetBytes($"lantern-{purpose}-v1"));

    private static string SafeFileName(string caseId) =>
        string.Concat(caseId.Select(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.' ? character : '_'));
}
