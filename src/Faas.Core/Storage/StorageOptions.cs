namespace Faas.Core.Storage;

/// <summary>Where the server keeps its data. Bound from the <c>Faas:Storage</c> section.</summary>
public sealed class StorageOptions
{
    /// <summary>Root data folder; apps live in <c>&lt;DataDirectory&gt;/apps/&lt;name&gt;</c>.</summary>
    public string DataDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".metacall", "faas");

    /// <summary>Largest accepted zip upload, in bytes.</summary>
    public long MaxPackageBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest total size of a package's extracted files, in bytes (a laptop's disk survives a hostile upload).</summary>
    public long MaxExtractedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Most bytes written per compressed byte read, checked once <see cref="CompressionRatioCheckBytes"/>
    /// have been written: stops an archive bomb after a few MB. Text compresses 5-20 times, a bomb 1000.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Bytes an extraction may write before the compression ratio is checked (small, very compressible packages pass).</summary>
    public long CompressionRatioCheckBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Versions kept per app (the active one always is); older ones are removed with their files.</summary>
    public int KeepVersions { get; set; } = 10;

    /// <summary>Size of the dependency cache past which its least recently used entries (that no kept version links to) are removed.</summary>
    public long MaxDependencyCacheBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Most bytes the whole data folder may hold (apps, versions, installed dependencies, the cache);
    /// an upload, clone or deploy that would pass it is refused with 413. 0 turns the quota off.
    /// </summary>
    public long MaxDataBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Most entries a zip may hold.</summary>
    public int MaxPackageEntries { get; set; } = 100_000;
}
