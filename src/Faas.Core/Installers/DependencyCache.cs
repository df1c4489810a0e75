using Faas.Core.Paths;

namespace Faas.Core.Installers;

/// <summary>
/// Installed dependencies stored once per content key (the install tool, the runtime version and the
/// bytes of the manifest and lock files) under <c>&lt;data&gt;/cache/deps/&lt;key&gt;</c>, and linked into
/// every version that needs them: a new version with unchanged dependencies, the same app uploaded
/// again or another app with the same lock file installs nothing. Bounded: past
/// <c>maxBytes</c> the least recently used entries no kept version links to are removed.
/// </summary>
public sealed class DependencyCache(string directory, long maxBytes)
{
    private const string OutputFolder = "output";
    private const string FilesFolder = "files";
    private const string SizeFile = "size";
    private readonly Lock _gate = new();

    public string Root { get; } = Path.GetFullPath(directory);

    /// <summary>A tool's own download cache beside this one (<c>cache/npm</c>), shared by every install.</summary>
    public string ToolCacheDirectory(string tool) => Path.Combine(Path.GetDirectoryName(Root)!, tool);

    /// <summary>Links <paramref name="output"/> to the entry for <paramref name="key"/> if there is one; restores the lock files the install wrote.</summary>
    public bool TryLink(string key, string output, string folder, IReadOnlyList<string> keyFiles)
    {
        var entry = Path.Combine(Root, key);
        if (!Directory.Exists(Path.Combine(entry, OutputFolder)))
        {
            return false;
        }
        Remove(output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        Directory.CreateSymbolicLink(output, Path.Combine(entry, OutputFolder));
        foreach (var file in keyFiles.Where(f => !File.Exists(f) && Path.GetDirectoryName(f) == folder))
        {
            var saved = Path.Combine(entry, FilesFolder, Path.GetFileName(file));
            if (File.Exists(saved))
            {
                File.Copy(saved, file);
            }
        }
        Touch(entry);
        return true;
    }

    /// <summary>
    /// Moves a fresh install's <paramref name="output"/> into the cache and links it back. An install whose
    /// output links outside itself (npm <c>file:</c> dependencies) stays where it is.
    /// </summary>
    public void Adopt(string key, string output, string folder, IReadOnlyList<string> keyFiles)
    {
        if (!Directory.Exists(output) || !IsSelfContained(output))
        {
            return;
        }
        var entry = Path.Combine(Root, key);
        var temporary = Path.Combine(Root, $".{key}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(temporary, FilesFolder));
        Directory.Move(output, Path.Combine(temporary, OutputFolder));
        foreach (var file in keyFiles.Where(f => File.Exists(f) && Path.GetDirectoryName(f) == folder))
        {
            File.Copy(file, Path.Combine(temporary, FilesFolder, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(temporary, SizeFile), SizeOf(Path.Combine(temporary, OutputFolder)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Directory.Move(temporary, entry);
        }
        catch (IOException)
        {
            // Another install of the same key finished first: use its entry.
            Remove(temporary);
        }
        Directory.CreateSymbolicLink(output, Path.Combine(entry, OutputFolder));
    }

    /// <summary>Removes the least recently used entries past the size limit, keeping every key in <paramref name="inUse"/>.</summary>
    public void Prune(IReadOnlySet<string> inUse)
    {
        lock (_gate)
        {
            if (!Directory.Exists(Root))
            {
                return;
            }
            var entries = new DirectoryInfo(Root).EnumerateDirectories()
                .Where(d => !d.Name.StartsWith('.'))
                .Select(d => (Entry: d, Size: ReadSize(d.FullName)))
                .OrderBy(e => e.Entry.LastWriteTimeUtc)
                .ToList();
            var total = entries.Sum(e => e.Size);
            foreach (var (entry, size) in entries)
            {
                if (total <= maxBytes)
                {
                    break;
                }
                if (!inUse.Contains(entry.Name))
                {
                    Remove(entry.FullName);
                    total -= size;
                }
            }
        }
    }

    /// <summary>Removes what interrupted adoptions left (at start-up).</summary>
    public void CleanUp()
    {
        if (Directory.Exists(Root))
        {
            foreach (var leftover in Directory.EnumerateDirectories(Root, ".*"))
            {
                Remove(leftover);
            }
        }
    }

    private static void Touch(string entry)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Only the pruning order suffers.
        }
    }

    private static bool IsSelfContained(string root)
    {
        var full = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (entry.LinkTarget is { } target)
            {
                var resolved = Path.GetFullPath(target, Path.GetDirectoryName(entry.FullName)!);
                if (!resolved.StartsWith(full, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static long SizeOf(string root) =>
        new DirectoryInfo(root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => f.LinkTarget is null)
            .Sum(f => f.Length);

    private static long ReadSize(string entry) =>
        long.TryParse(File.Exists(Path.Combine(entry, SizeFile)) ? File.ReadAllText(Path.Combine(entry, SizeFile)) : null, out var size) ? size : 0;

    private static void Remove(string path)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null)
        {
            info.Delete();
        }
        else if (info.Exists)
        {
            info.Delete(recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
