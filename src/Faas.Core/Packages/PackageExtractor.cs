using System.IO.Compression;
using Faas.Core.Storage;

namespace Faas.Core.Packages;

/// <summary>
/// Extracts an uploaded zip into a staging folder. Every entry name is checked (no absolute paths,
/// no '..', no drive letters), links are never created, and the entry count and the total size
/// written are bounded, so a hostile or broken archive fails cleanly and writes nothing outside.
/// </summary>
public sealed class PackageExtractor(StorageOptions options)
{
    public void Extract(Stream zip, string targetDirectory)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > options.MaxPackageEntries)
            {
                throw new FaasException(FaasError.TooLarge, $"The package has {archive.Entries.Count} entries; at most {options.MaxPackageEntries} are allowed.");
            }
            long written = 0;
            foreach (var entry in archive.Entries)
            {
                written += ExtractEntry(entry, targetDirectory, options.MaxExtractedBytes - written);
            }
        }
        catch (InvalidDataException e)
        {
            throw new FaasException(FaasError.BadRequest, $"The package is not a valid zip archive: {e.Message}", e);
        }
    }

    private static long ExtractEntry(ZipArchiveEntry entry, string targetDirectory, long budget)
    {
        var relative = EntryPath(entry.FullName);
        var destination = Path.GetFullPath(Path.Combine(targetDirectory, relative));
        if (relative.EndsWith('/'))
        {
            Directory.CreateDirectory(destination);
            return 0;
        }
        if (IsSymbolicLink(entry))
        {
            // A link could point anywhere; the app gets no links from a zip.
            return 0;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var source = entry.Open();
        using var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            copied += read;
            if (copied > budget)
            {
                throw new FaasException(FaasError.TooLarge, "The package's extracted files are larger than the allowed total size.");
            }
            target.Write(buffer, 0, read);
        }
        return copied;
    }

    /// <summary>The entry's path with '/' separators, refused if it could land outside the target.</summary>
    internal static string EntryPath(string name)
    {
        var normalized = name.Replace('\\', '/');
        var segments = normalized.Split('/');
        var bad = normalized.Length == 0
            || normalized.StartsWith('/')
            || normalized.Contains('\0')
            || (normalized.Length >= 2 && normalized[1] == ':')
            || segments.Any(s => s == "..")
            || normalized.Trim('/').Length == 0;
        if (bad)
        {
            throw new FaasException(FaasError.BadRequest, $"The package holds an unsafe entry name '{name}'.");
        }
        return normalized;
    }

    private static bool IsSymbolicLink(ZipArchiveEntry entry)
    {
        const int TypeMask = 0xF000;
        const int Link = 0xA000;
        var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
        return (unixMode & TypeMask) == Link;
    }
}
