namespace Lantern.Model;

/// <summary>
/// What went wrong, as the analyst should hear it. Each shell maps the four kinds once: to exit
/// codes in the CLI (DESIGN §7) and to HTTP statuses with ProblemDetails in the API. Any other
/// exception is a defect in Lantern, never reported as the user's mistake.
/// </summary>
public abstract class LanternException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The request cannot be done as given: a bad option value, query, file or path. The message says what to change.</summary>
public class BadInputException(string message, Exception? inner = null) : LanternException(message, inner);

/// <summary>What was asked for does not exist: a document id, a handle, a member, a workspace.</summary>
public class NotFoundException(string message) : LanternException(message);

/// <summary>An action was refused by the case's rights; it has been written to the audit trail.</summary>
public sealed class AccessDeniedException(string message) : LanternException(message);

/// <summary>The workspace's state refuses the action now: another writer holds it, or a decision was already taken.</summary>
public class ConflictException(string message) : LanternException(message);

/// <summary>Another process is writing the workspace, and Lantern lets one write at a time.</summary>
public sealed class WorkspaceBusyException(string message) : ConflictException(message);
