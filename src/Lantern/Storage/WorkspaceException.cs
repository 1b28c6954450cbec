namespace Lantern.Storage;

/// <summary>A workspace could not be found, created or opened; the message is meant for the analyst.</summary>
public class WorkspaceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another process holds the workspace's write lock; the message names it and says what to do.</summary>
public sealed class WorkspaceBusyException(string message) : WorkspaceException(message);
