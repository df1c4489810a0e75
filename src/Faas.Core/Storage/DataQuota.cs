namespace Faas.Core.Storage;

/// <summary>
/// <c>Faas:Storage:MaxDataBytes</c>: the data folder's quota, checked before an upload, a clone or a
/// new version is accepted. The folder's size comes from a walk that stops once it passes the quota
/// and is kept for <see cref="Freshness"/>; each accepted addition is added to the kept figure, so a
/// burst of uploads cannot slip past between walks. A refusal walks again first, so space freed by a
/// delete counts at once.
/// </summary>
public sealed class DataQuota(DataLayout layout, StorageOptions options, TimeProvider time)
{
    /// <summary>How long a measured size is trusted while it leaves room.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _used;
    private DateTimeOffset? _measuredAt;

    /// <summary>
    /// Counts <paramref name="folder"/>'s files as added to the data folder, or refuses with 413 when
    /// they would take it past the quota (the caller then deletes the folder: nothing is left behind).
    /// </summary>
    /// <param name="what">Names the addition in the refusal, e.g. "The upload".</param>
    public void Reserve(string folder, string what)
    {
        var limit = options.MaxDataBytes;
        if (limit <= 0)
        {
            return;
        }
        var incoming = SizeOf(folder, limit + 1);
        lock (_lock)
        {
            var used = Used(folder, remeasure: false);
            if (used + incoming > limit)
            {
                used = Used(folder, remeasure: true);
            }
            if (used + incoming > limit)
            {
                throw new FaasException(FaasError.TooLarge,
                    $"{what} ({incoming} bytes) would take the data folder past its quota: it already holds {(used > limit ? $"more than {limit}" : used)} bytes " +
                    $"of the {limit} allowed (Faas:Storage:MaxDataBytes). Delete apps or old versions, or raise the quota.");
            }
            _used = used + incoming;
        }
    }

    /// <summary>The data folder's size, leaving out <paramref name="incoming"/> when it is staged there (it is the addition being checked).</summary>
    private long Used(string incoming, bool remeasure)
    {
        var now = time.GetUtcNow();
        if (!remeasure && _measuredAt is { } at && now - at < Freshness)
        {
            return _used;
        }
        var staged = Path.GetFullPath(incoming);
        var skip = staged.StartsWith(layout.StagingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? staged : null;
        _used = SizeOf(layout.Root, options.MaxDataBytes + 1, skip);
        _measuredAt = now;
        return _used;
    }

    /// <summary>
    /// The bytes of the files under <paramref name="folder"/>, links not followed, <paramref name="skip"/>
    /// left out; the walk stops once it reaches <paramref name="limit"/>.
    /// </summary>
    internal static long SizeOf(string folder, long limit, string? skip = null)
    {
        long size = 0;
        var folders = new Stack<DirectoryInfo>();
        if (Directory.Exists(folder))
        {
            folders.Push(new DirectoryInfo(folder));
        }
        while (folders.Count > 0 && size < limit)
        {
            var current = folders.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = current.EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // deleted or unreadable while walking: not ours to count
            }
            foreach (var entry in entries)
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    continue;
                }
                if (entry is DirectoryInfo child)
                {
                    if (!string.Equals(child.FullName, skip, StringComparison.Ordinal))
                    {
                        folders.Push(child);
                    }
                }
                else if (entry is FileInfo file)
                {
                    size += file.Length;
                }
            }
        }
        return size;
    }
}
