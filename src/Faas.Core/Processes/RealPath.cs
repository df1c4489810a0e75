namespace Faas.Core.Processes;

/// <summary>A path with every symbolic link on it resolved (what <c>realpath(3)</c> returns).</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var parts = new Queue<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var links = 0;
        while (parts.TryDequeue(out var part))
        {
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }
            // Resolve the link's target, then whatever was left after it.
            var resolved = Path.GetFullPath(target, current);
            parts = new Queue<string>(resolved.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(parts));
            current = "/";
        }
        return current;
    }

    /// <summary>The full path <paramref name="executable"/> runs from: as given with a slash, else the first match on <paramref name="searchPath"/>.</summary>
    public static string? FindExecutable(string executable, string? searchPath)
    {
        if (executable.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }
        return (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);
    }
}
