using System.Text;

namespace Faas.Core.Diffs;

/// <summary>A file that differs between two versions: <c>added</c>, <c>removed</c> or <c>modified</c>, and its lines (none for binary files).</summary>
public sealed record FileDiff(string Path, string Status, bool Binary, int Added, int Removed, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// The files that differ between two version folders, compared line by line. Installed dependencies
/// and build output (<c>node_modules</c>, <c>__pycache__</c>, <c>bin</c>, <c>obj</c>, ...) are not the app's
/// source and are skipped; files over 1 MiB or not UTF-8 are marked binary.
/// </summary>
public static class VersionDiff
{
    private const long MaxTextBytes = 1024 * 1024;
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "node_modules", "__pycache__", ".git", "bin", "obj", "vendor", ".bundle" };

    public static IReadOnlyList<FileDiff> Compare(string before, string after)
    {
        var old = FileSet(before);
        var next = FileSet(after);
        var diffs = new List<FileDiff>();
        foreach (var path in old.Union(next).Order(StringComparer.Ordinal))
        {
            var a = old.Contains(path) ? Read(Path.Combine(before, path)) : null;
            var b = next.Contains(path) ? Read(Path.Combine(after, path)) : null;
            var status = a is null ? "added" : b is null ? "removed" : "modified";
            if (status == "modified" && a!.Bytes.AsSpan().SequenceEqual(b!.Bytes))
            {
                continue;
            }
            if (a?.Text is null && a is not null || b?.Text is null && b is not null)
            {
                diffs.Add(new FileDiff(path, status, true, 0, 0, []));
                continue;
            }
            var lines = LineDiff.Compute(a is null ? [] : LineDiff.Lines(a.Text!), b is null ? [] : LineDiff.Lines(b.Text!));
            diffs.Add(new FileDiff(path, status, false, lines.Count(l => l.Type == "added"), lines.Count(l => l.Type == "removed"), lines));
        }
        return diffs;
    }

    /// <summary>A version folder's source files (relative paths, sorted), without dependencies and build output.</summary>
    public static IReadOnlyList<string> SourceFiles(string root) => [.. FileSet(root).Order(StringComparer.Ordinal)];

    /// <summary>
    /// One of a version folder's source files, by its relative path as <see cref="SourceFiles"/> lists it (nothing else is
    /// read: a path is looked up in that list, never joined from the caller's text); null when it is not one of them.
    /// Its text is null when the file is binary or over 1 MiB.
    /// </summary>
    public static SourceFile? ReadSourceFile(string root, string path)
    {
        if (!FileSet(root).TryGetValue(path, out var listed))
        {
            return null;
        }
        var full = Path.Combine(root, listed);
        var content = Read(full);
        return new SourceFile(listed, new FileInfo(full).Length, content.Text);
    }

    private static HashSet<string> FileSet(string root)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return files;
        }
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }
                if (entry is DirectoryInfo directory)
                {
                    if (!SkippedFolders.Contains(directory.Name))
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else
                {
                    files.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
        }
        return files;
    }

    private static Content Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxTextBytes)
        {
            return new Content(Encoding.UTF8.GetBytes(info.Length + ":" + info.LastWriteTimeUtc.Ticks), null);
        }
        var bytes = File.ReadAllBytes(path);
        return new Content(bytes, System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0) ? Encoding.UTF8.GetString(bytes) : null);
    }

    private sealed record Content(byte[] Bytes, string? Text);
}
