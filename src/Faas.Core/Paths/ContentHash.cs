using System.Security.Cryptography;
using System.Text;

namespace Faas.Core.Paths;

/// <summary>
/// The content hash of a folder, as SmolFaaS computes it (so <c>faas up</c> can compare a folder with a
/// deployed version): SHA-256 over every file sorted by relative path (<c>/</c>-separated, ordinal), each
/// as its path bytes, a 0 byte, its bytes, a 0 byte. Hidden entries (name starting with <c>.</c>) and
/// the folders <c>node_modules</c>, <c>target</c>, <c>__pycache__</c>, <c>venv</c>, <c>dist</c>, <c>build</c>
/// are skipped; links are not followed. Lower-case hex.
/// </summary>
public static class ContentHash
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", "target", "__pycache__", "venv", "dist", "build",
    };

    public static string Compute(string directory)
    {
        var files = new List<string>();
        Collect(directory, directory, files);
        files.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> zero = [0];
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData(zero);
            using (var stream = File.OpenRead(Path.Combine(directory, relative)))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer.AsSpan(0, read));
                }
            }
            hash.AppendData(zero);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Collect(string root, string current, List<string> files)
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
                    Collect(root, entry.FullName, files);
                }
            }
            else
            {
                files.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
            }
        }
    }
}
