namespace Faas.Core.Servers;

/// <summary>How HTTP-server apps run (<c>Faas:Servers</c>).</summary>
public sealed class ServerAppOptions
{
    /// <summary>How long a starting server has to answer HTTP on its port (a build's time not counted).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A server with no request for this long is stopped; the next request starts it again. Zero: never.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait before restarting a server that crashed (the wait doubles from 100 ms per crash in a row).</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Crashes in a row after which the app is marked failed (it still restarts on the next request).</summary>
    public int MaxCrashes { get; set; } = 5;

    /// <summary>The Go toolchain (Debian's <c>golang-go</c>).</summary>
    public string GoPath { get; set; } = "go";

    /// <summary>The container engine's CLI; unset: <c>podman</c>, else <c>docker</c>, whichever is on the PATH.</summary>
    public string? ContainerEngine { get; set; }

    /// <summary>How long a Go or container build may take.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
