using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Faas.Core.Installers;

/// <summary>
/// <c>state/&lt;name&gt;/install-keys.json</c>: for each install step, a SHA-256 of the runtime
/// version and the bytes of the files the install depends on, taken right after it succeeded. A
/// step whose key still matches (and whose output is still there) need not run again.
/// </summary>
internal sealed class InstallKeys
{
    private const string CachePrefix = "cache: ";
    private readonly string _file;
    private readonly Dictionary<string, string> _keys;

    private InstallKeys(string file, Dictionary<string, string> keys)
    {
        _file = file;
        _keys = keys;
    }

    public static InstallKeys Load(string file)
    {
        try
        {
            var keys = JsonSerializer.Deserialize(File.ReadAllText(file), InstallKeysJsonContext.Default.DictionaryStringString);
            return new InstallKeys(file, keys ?? new(StringComparer.Ordinal));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // Missing or unreadable: everything is installed again, which is always safe.
            return new InstallKeys(file, new(StringComparer.Ordinal));
        }
    }

    public bool Matches(string id, string key) => _keys.TryGetValue(id, out var stored) && stored == key;

    /// <summary>Records <paramref name="key"/> for the step, or forgets the step when it is null.</summary>
    public void Set(string id, string? key)
    {
        if (key is null)
        {
            _keys.Remove(id);
        }
        else
        {
            _keys[id] = key;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        // Written aside and renamed, so a crash never leaves a half-written file.
        File.WriteAllText(_file + ".tmp", JsonSerializer.Serialize(_keys, InstallKeysJsonContext.Default.DictionaryStringString));
        File.Move(_file + ".tmp", _file, overwrite: true);
    }

    /// <summary>Notes which dependency-cache entry the step links to, so pruning keeps it while this version is kept.</summary>
    public void SetCacheKey(string id, string key) => Set(CachePrefix + id, key);

    /// <summary>The dependency-cache entries a keys file notes.</summary>
    public static IEnumerable<string> CacheKeysIn(string file) =>
        Load(file)._keys.Where(p => p.Key.StartsWith(CachePrefix, StringComparison.Ordinal)).Select(p => p.Value);

    /// <summary>SHA-256 (hex) of the runtime and each file's name and bytes; a missing file counts too.</summary>
    public static string Compute(string runtime, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"faas-install-1\n{runtime}\n"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            if (File.Exists(file))
            {
                var bytes = File.ReadAllBytes(file);
                hash.AppendData(Encoding.UTF8.GetBytes($"{bytes.Length}\n"));
                hash.AppendData(bytes);
            }
            else
            {
                hash.AppendData("-\n"u8);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
