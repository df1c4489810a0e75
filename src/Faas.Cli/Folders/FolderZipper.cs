using System.IO.Compression;

namespace Faas.Cli.Folders;

/// <summary>
/// Zips a folder to upload it, leaving out what the content hash leaves out (hidden entries, <c>node_modules</c>,
/// <c>target</c>, <c>__pycache__</c>, <c>venv</c>, <c>dist</c>, <c>build</c>; links): one ignore list for hashing
/// and packaging, so the server's hash of what it received is the hash computed here.
/// </summary>
internal static class FolderZipper
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "target", "__pycache__", "venv", "dist", "build",
    };

    public static MemoryStream Zip(string folder)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, folder, folder);
        }
        buffer.Position = 0;
        return buffer;
    }

    private static void Add(ZipArchive zip, string root, string current)
    {
        foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || entry.LinkTarget is not null)
            {
                continue;
            }
            if (entry is DirectoryInfo)
            {
                if (!SkippedFolders.Contains(entry.Name))
                {
                    Add(zip, root, entry.FullName);
                }
                continue;
            }
            zip.CreateEntryFromFile(entry.FullName, Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'), CompressionLevel.Fastest);
        }
    }
}
