namespace Faas.Core.Workers;

/// <summary>A script for a worker to load: its name relative to the app (with '/') and its absolute path.</summary>
public sealed record ScriptRef(string Name, string Path);
