namespace Faas.Core.Services;

/// <summary>Limits of the platform services (<c>Faas:Services</c>): the KV store, the env, <c>faas.http</c>.</summary>
public sealed record ServiceOptions
{
    /// <summary>Bytes of keys and values one app may keep in its KV store (default 64 MiB).</summary>
    public long KvMaxBytesPerApp { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest value, in UTF-8 bytes (default 1 MiB).</summary>
    public int KvMaxValueBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest key, in UTF-8 bytes (default 512).</summary>
    public int KvMaxKeyBytes { get; init; } = 512;

    /// <summary>Default and largest timeout of a <c>faas.http.request</c> (Lua's <c>http.*</c>; default 30 s).</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response body <c>faas.http.request</c> returns (default 8 MiB).</summary>
    public int HttpMaxResponseBytes { get; init; } = 8 * 1024 * 1024;
}
