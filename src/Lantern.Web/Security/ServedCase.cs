using System.Security.Cryptography;
using System.Text;
using Lantern.Cases;
using Lantern.Storage;

namespace Lantern.Web.Security;

/// <summary>
/// What makes one served case's sign-ins its own: the cookie-signing and antiforgery keys are kept in
/// the workspace (<c>web-keys/</c>, encrypted with a key derived from the case's audit key) under an
/// application name of the case and workspace, and the cookies are named after them too — so a
/// cookie from one case's server is refused by another's, even on the same host and OS account.
/// </summary>
public sealed record ServedCase(string Root, string CaseId, string ApplicationName, string CookieName, string AntiforgeryCookieName, byte[] KeyEncryptionKey, bool SharedWithGroup)
{
    public const string KeysFolderName = "web-keys";

    public string KeysFolder => Path.Combine(Root, KeysFolderName);

    public static ServedCase From(Workspace workspace)
    {
        var keyEncryptionKey = Passwords.WebKeyEncryptionKey(workspace);
        var workspaceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{workspace.Case.Id}\n{workspace.Root}\n{workspace.Case.CreatedAt:O}")))[..12];
        var slug = string.Concat(workspace.Case.Id.Select(character => char.IsAsciiLetterOrDigit(character) ? character : '-'));
        var served = new ServedCase(workspace.Root, workspace.Case.Id, $"lantern/{workspace.Case.Id}/{workspaceId}",
            $"lantern-{slug}-{workspaceId}", $"lantern-af-{slug}-{workspaceId}", keyEncryptionKey, workspace.SharedWithGroup);
        Passwords.CreateKeysFolder(workspace, served.KeysFolder);
        return served;
    }
}
