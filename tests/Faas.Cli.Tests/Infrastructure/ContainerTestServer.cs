using System.Diagnostics;
using System.Formats.Tar;

namespace Faas.Cli.Tests.Infrastructure;

/// <summary>
/// A server, plus once the local base image the container sample starts <c>FROM</c> (<c>localhost/faas-busybox</c>:
/// Debian's static busybox, <c>podman import</c>ed; no registry is reachable here).
/// </summary>
public sealed class ContainerTestServer : TestServer
{
    public const string BaseImage = "localhost/faas-busybox:latest";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var rootfs = Directory.CreateDirectory(Path.Combine(Root, "busybox-root")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        File.Copy("/usr/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(rootfs, "bin", "sh"), "busybox");
        var tar = Path.Combine(Root, "busybox.tar");
        await TarFile.CreateFromDirectoryAsync(rootfs, tar, includeBaseDirectory: false, ct);
        using var import = Process.Start(new ProcessStartInfo("podman", ["import", tar, BaseImage]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = import.StandardError.ReadToEndAsync(ct);
        await import.StandardOutput.ReadToEndAsync(ct);
        await import.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        Assert.True(import.ExitCode == 0, $"podman import failed: {await error}");
    }

    public override async ValueTask DisposeAsync()
    {
        await StopGracefullyAsync();
        await base.DisposeAsync();
    }

    /// <summary>The names of the containers (running or not) whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<IReadOnlyList<string>> ContainersAsync(string prefix)
    {
        var ct = TestContext.Current.CancellationToken;
        using var ps = Process.Start(new ProcessStartInfo("podman", ["ps", "-a", "--format", "{{.Names}}"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = ps.StandardError.ReadToEndAsync(ct);
        var output = await ps.StandardOutput.ReadToEndAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await ps.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.True(ps.ExitCode == 0, $"podman ps failed: {await error}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => n.StartsWith(prefix, StringComparison.Ordinal))];
    }
}
