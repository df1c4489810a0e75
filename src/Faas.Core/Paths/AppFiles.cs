namespace Faas.Core.Paths;

/// <summary>Walks an app's own files, skipping dependency, cache and VCS folders and never following links.</summary>
public static class AppFiles
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "__pycache__", ".venv", "venv",
    };

    public static IEnumerable<string> Enumerate(string directory)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }
                if (entry is DirectoryInfo)
                {
                    if (!SkippedFolders.Contains(entry.Name))
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else
                {
                    yield return entry.FullName;
                }
            }
        }
    }

    /// <summary>Folders of the app that hold a file named <paramref name="fileName"/>.</summary>
    public static IEnumerable<string> FoldersWith(string directory, string fileName) =>
        Enumerate(directory)
            .Where(f => Path.GetFileName(f) == fileName)
            .Select(f => Path.GetDirectoryName(f)!)
            .OrderBy(f => f.Length)
            .ThenBy(f => f, StringComparer.Ordinal);
}
