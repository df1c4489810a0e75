using Faas.Core.Storage;
using SharpCompress.Archives.Zip;
using SharpCompress.Common;
using SharpCompress.Readers;
using CompressionMode = System.IO.Compression.CompressionMode;
using GZipStream = System.IO.Compression.GZipStream;

namespace Faas.Core.Packages;

/// <summary>
/// Extracts an uploaded zip or .tar.gz (told apart by their first bytes, never by a name) into a
/// staging folder. Every entry name is checked (no absolute paths, no '..', no drive letters, no
/// over-long names, no file and folder of the same name), links are never created, and the entry
/// count, the total size written and the compression ratio are bounded while reading, so a hostile
/// or broken archive fails cleanly and writes nothing outside (the caller deletes the staging folder).
/// </summary>
public sealed class PackageExtractor(StorageOptions options)
{
    /// <summary>Longest entry path accepted; each of its segments must also fit a file name (255 bytes).</summary>
    internal const int MaxEntryPathLength = 1024;

    private const int MaxSegmentBytes = 255;

    public void Extract(Stream package, string targetDirectory)
    {
        using var seekable = package.CanSeek ? null : BufferToTempFile(package);
        var compressed = new CountingStream(seekable ?? package);
        var budget = new ExtractionBudget(options, compressed);
        var format = Sniff(compressed);
        try
        {
            if (format == PackageFormat.Zip)
            {
                ExtractZip(compressed, targetDirectory, budget);
            }
            else
            {
                ExtractTarGz(compressed, targetDirectory, budget);
            }
        }
        catch (Exception e) when (e is not FaasException and not OperationCanceledException)
        {
            // Whatever the parsers throw on a damaged or hostile archive is the archive's fault.
            var kind = format == PackageFormat.Zip ? "zip" : ".tar.gz";
            throw new FaasException(FaasError.BadRequest, $"The package is not a valid {kind} archive: {e.Message}", e);
        }
    }

    private void ExtractZip(Stream zip, string targetDirectory, ExtractionBudget budget)
    {
        // The central directory (read first) is the zip's authority, as for unzip; it also holds the
        // Unix mode that marks links, which the local headers lack.
        using var archive = ZipArchive.OpenArchive(zip, new ReaderOptions { LeaveStreamOpen = true });
        var entries = archive.Entries.ToList();
        if (entries.Count > options.MaxPackageEntries)
        {
            throw new FaasException(FaasError.TooLarge, $"The package has {entries.Count} entries; at most {options.MaxPackageEntries} are allowed.");
        }
        budget.StartEntries();
        foreach (var entry in entries)
        {
            budget.CountEntry();
            if (IsUnixSymbolicLink(entry.Attrib))
            {
                continue; // a link could point anywhere; the app gets no links from an archive
            }
            WriteEntry(entry, targetDirectory, budget, entry.OpenEntryStream);
        }
    }

    private static void ExtractTarGz(Stream tarGz, string targetDirectory, ExtractionBudget budget)
    {
        // Decompressed here rather than by SharpCompress's format detection, which reads ~80 KB of
        // input ahead: the ratio check sees the compressed bytes 8 KB at a time.
        using var gzip = new GZipStream(tarGz, CompressionMode.Decompress, leaveOpen: true);
        using var reader = ReaderFactory.OpenReader(gzip, new ReaderOptions { LeaveStreamOpen = true });
        if (reader.Type != ArchiveType.Tar)
        {
            throw new FaasException(FaasError.BadRequest, "The package is gzip-compressed but holds no tar archive: send a zip or a .tar.gz.");
        }
        while (reader.MoveToNextEntry())
        {
            budget.CountEntry();
            if (!string.IsNullOrEmpty(reader.Entry.LinkTarget))
            {
                continue; // symbolic and hard links alike: never created
            }
            WriteEntry(reader.Entry, targetDirectory, budget, reader.OpenEntryStream);
        }
    }

    private static void WriteEntry(IEntry entry, string targetDirectory, ExtractionBudget budget, Func<Stream> open)
    {
        if (entry.IsEncrypted)
        {
            throw new FaasException(FaasError.BadRequest, $"The package's entry '{entry.Key}' is encrypted; encrypted archives are not supported.");
        }
        var relative = EntryPath(entry.Key ?? "");
        var destination = Path.GetFullPath(Path.Combine(targetDirectory, relative));
        if (entry.IsDirectory || relative.EndsWith('/'))
        {
            CreateFolder(targetDirectory, relative.TrimEnd('/'));
            return;
        }
        budget.CheckDeclaredSize(entry.Size);
        var slash = relative.LastIndexOf('/');
        CreateFolder(targetDirectory, slash < 0 ? "" : relative[..slash]);
        if (Directory.Exists(destination))
        {
            throw SameName(relative);
        }
        using var source = open();
        using var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
        budget.Copy(source, target);
    }

    /// <summary>Creates the folders of <paramref name="relative"/> one by one, refusing a folder that an entry already made a file.</summary>
    private static void CreateFolder(string targetDirectory, string relative)
    {
        var path = targetDirectory;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(path, segment);
            if (File.Exists(path))
            {
                throw SameName(Path.GetRelativePath(targetDirectory, path));
            }
        }
        Directory.CreateDirectory(path);
    }

    /// <summary>The entry's path with '/' separators, refused if it could land outside the target or cannot be a file name.</summary>
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
            throw new FaasException(FaasError.BadRequest, $"The package holds an unsafe entry name '{Shorten(name)}'.");
        }
        if (normalized.Length > MaxEntryPathLength || segments.Any(s => System.Text.Encoding.UTF8.GetByteCount(s) > MaxSegmentBytes))
        {
            throw new FaasException(FaasError.BadRequest,
                $"The package holds an entry name that is too long ('{Shorten(name)}', {name.Length} characters): at most {MaxSegmentBytes} bytes per file or folder name and {MaxEntryPathLength} characters per path.");
        }
        return normalized;
    }

    private static FaasException SameName(string relative) => new(FaasError.BadRequest,
        $"The package holds both a file and a folder named '{Shorten(relative.Replace('\\', '/'))}'.");

    private static string Shorten(string name) => name.Length <= 80 ? name : $"{name[..40]}...{name[^20..]}";

    private static PackageFormat Sniff(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var start = stream.Position;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read == 0)
        {
            throw new FaasException(FaasError.BadRequest, "The uploaded file is empty: send a zip or .tar.gz archive.");
        }
        if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return PackageFormat.TarGz;
        }
        // Zips begin with a local header, or with the end record when empty; anything else is refused here.
        if (read == 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
        {
            return PackageFormat.Zip;
        }
        throw new FaasException(FaasError.BadRequest, "The package is not a valid zip or .tar.gz archive (detected from its first bytes).");
    }

    private static bool IsUnixSymbolicLink(int? externalAttributes)
    {
        const int TypeMask = 0xF000;
        const int Link = 0xA000;
        var unixMode = ((externalAttributes ?? 0) >> 16) & 0xFFFF;
        return (unixMode & TypeMask) == Link;
    }

    // A forward-only upload (a raw request body) is spooled to a temp file that deletes itself:
    // the zip reader needs to seek to the central directory.
    private static FileStream BufferToTempFile(Stream package)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"faas-upload-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        package.CopyTo(temp);
        temp.Position = 0;
        return temp;
    }

    private enum PackageFormat
    {
        Zip,
        TarGz,
    }
}
