using System.ComponentModel.DataAnnotations;

namespace Faas.Server.Hosting;

/// <summary>Where the server listens and how big a call may be. Bound from the <c>Faas</c> section.</summary>
public sealed class ServerOptions
{
    /// <summary>Host to bind; <c>localhost</c> binds both 127.0.0.1 and ::1.</summary>
    [Required]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 9000;

    /// <summary>Largest call body (JSON arguments), in bytes; larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxCallBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest function result relayed, in bytes; larger ones get 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxResultBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>At shutdown, how long calls in flight may take to finish before the workers are stopped.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);
}
