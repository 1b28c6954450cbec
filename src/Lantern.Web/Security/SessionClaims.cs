using System.Security.Claims;

namespace Lantern.Web.Security;

/// <summary>What a session cookie says: the member's name and the id of their server-side session.</summary>
public static class SessionClaims
{
    public const string SessionIdType = "lantern:session";

    public static ClaimsPrincipal Member(string name, string sessionId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(SessionIdType, sessionId)], "lantern"));

    public static string? SessionId(ClaimsPrincipal? principal) => principal?.FindFirst(SessionIdType)?.Value;
}
