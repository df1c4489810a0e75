using Faas.Core.Processes;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>
/// One server and, once, the local base image the container samples start <c>FROM</c>
/// (<c>localhost/faas-busybox</c>: a root filesystem of Debian's static busybox, <c>podman import</c>ed;
/// no registry is reachable here).
/// </summary>
public sealed class ContainerFixture : FaasServerFixture
{
    public const string BaseImage = "localhost/faas-busybox:latest";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var root = TempDirectory.Create("busybox-root");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            Directory.CreateDirectory(Path.Combine(root, "www"));
            File.Copy("/usr/bin/busybox", Path.Combine(root, "bin", "busybox"));
            File.CreateSymbolicLink(Path.Combine(root, "bin", "sh"), "busybox");
            File.CreateSymbolicLink(Path.Combine(root, "bin", "httpd"), "busybox");
            var tar = Path.Combine(root, "..", Path.GetFileName(root) + ".tar");
            await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(root, tar, includeBaseDirectory: false, TestContext.Current.CancellationToken);
            var result = await ProcessRunner.RunAsync("podman", ["import", tar, BaseImage], root, TimeSpan.FromMinutes(2),
                cancellationToken: TestContext.Current.CancellationToken);
            File.Delete(tar);
            Assert.True(result.Succeeded, "podman import failed: " + string.Join('\n', result.LastLines));
        }
        finally
        {
            TempDirectory.Delete(root);
        }
    }
}
