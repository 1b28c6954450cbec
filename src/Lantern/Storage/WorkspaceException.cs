namespace Lantern.Storage;

/// <summary>A workspace could not be found, created or opened; the message is meant for the analyst.</summary>
public sealed class WorkspaceException(string message) : Exception(message);
