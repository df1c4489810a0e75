namespace Faas.Core.Repositories;

/// <summary>Refuses a tree holding a symbolic link that resolves outside it.</summary>
internal static class SymlinkGuard
{
    private const int MaxHops = 40; // as Linux: beyond this a chain is a loop

    /// <exception cref="GitException">A link resolves outside <paramref name="root"/> or loops.</exception>
    public static void EnsureContained(string root)
    {
        var realRoot = Resolve(root) ?? throw new GitException($"Cannot resolve '{root}'.", FaasError.Internal);
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is { } target)
                {
                    var resolved = Resolve(entry.FullName);
                    if (resolved is null || !(resolved == realRoot || resolved.StartsWith(realRoot + "/", StringComparison.Ordinal)))
                    {
                        throw new GitException(
                            $"The repository contains a symbolic link pointing outside it: '{Path.GetRelativePath(root, entry.FullName)}' -> '{target}'.");
                    }
                }
                else if (entry is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
            }
        }
    }

    // Resolves like realpath(3), following every link on the way, so "a/link/../.." is judged by
    // where it really lands rather than lexically; missing parts are taken literally. Null: a loop.
    internal static string? Resolve(string path)
    {
        var parts = new Stack<string>(Path.GetFullPath(path).Split('/').Reverse());
        var current = "/";
        var hops = 0;
        while (parts.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++hops > MaxHops)
            {
                return null;
            }
            if (Path.IsPathRooted(target))
            {
                current = "/";
            }
            foreach (var step in target.Split('/').Reverse())
            {
                parts.Push(step);
            }
        }
        return current;
    }
}
