namespace Faas.Cli.Http;

/// <summary>A kept version of an app (<c>/api/inspect</c>'s <c>versions[]</c>).</summary>
internal sealed record VersionInfo(string Id, bool Active, string? CreatedAt, string? Source, string? Hash);
