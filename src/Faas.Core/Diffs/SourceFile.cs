namespace Faas.Core.Diffs;

/// <summary>A version's source file: its path, size in bytes and text (null when binary or over 1 MiB).</summary>
public sealed record SourceFile(string Path, long Size, string? Text);
