namespace Faas.Core.Paths;

/// <summary>Resolves user-supplied relative paths so that they can never leave a root folder.</summary>
public static class SafePath
{
    /// <summary>
    /// <paramref name="relative"/> resolved against <paramref name="baseDirectory"/>, or null when the
    /// result (after following symbolic links that exist) is not inside <paramref name="root"/>.
    /// </summary>
    public static string? Resolve(string root, string baseDirectory, string relative)
    {
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0') || Path.IsPathRooted(relative))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(baseDirectory, relative.Replace('\\', '/')));
        return IsInside(root, full) && IsInside(root, RealPath(full)) ? full : null;
    }

    public static bool IsInside(string root, string path)
    {
        var normalizedRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var normalized = Path.GetFullPath(path);
        return normalized == normalizedRoot
            || normalized.StartsWith(normalizedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The path with every existing symbolic link along it followed.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : Path.GetFullPath(target.FullName);
            }
            current = next;
        }
        return current;
    }
}
