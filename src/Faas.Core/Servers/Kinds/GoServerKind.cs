using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Processes;

namespace Faas.Core.Servers.Kinds;

/// <summary>
/// A Go server: a <c>go.mod</c>. Built with the machine's Go (<c>go build</c>, no module download:
/// <c>GOPROXY=off</c>, <c>-mod=vendor</c> when a <c>vendor/</c> folder exists) once per content hash
/// into <c>cache/go/&lt;hash&gt;/server</c>, copied into the version's <c>.faas/server</c>.
/// </summary>
internal sealed class GoServerKind(ServerAppOptions options) : IServerKind
{
    public string Id => "go-server";

    public bool InstallsDependencies => false;

    public bool Matches(string directory) => File.Exists(Path.Combine(directory, "go.mod"));

    public async Task<Func<int, ServerCommand>> PrepareAsync(ServerBuildContext context, CancellationToken cancellationToken)
    {
        var binary = Path.Combine(context.Directory, ".faas", "server");
        if (!File.Exists(binary))
        {
            var hash = ContentHash.Compute(context.Directory);
            var cached = Path.Combine(context.CacheDirectory, "go", hash, "server");
            if (File.Exists(cached))
            {
                context.Log.Write("build", $"go build skipped: unchanged (cached {hash[..12]})");
            }
            else
            {
                await BuildAsync(context, cached, cancellationToken).ConfigureAwait(false);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
            File.Copy(cached, binary, overwrite: true);
        }
        return port => new ServerCommand(binary, [], context.Directory, ServerEnvironment.For(context, port));
    }

    private async Task BuildAsync(ServerBuildContext context, string output, CancellationToken cancellationToken)
    {
        var temporary = output + $".{Guid.NewGuid():N}.tmp";
        var cache = context.CacheDirectory;
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GOPROXY"] = "off",
            ["GOFLAGS"] = Directory.Exists(Path.Combine(context.Directory, "vendor")) ? "-mod=vendor" : null,
            ["GOTOOLCHAIN"] = "local",
            ["GO111MODULE"] = "on",
            ["CGO_ENABLED"] = "0",
            ["GOCACHE"] = Path.Combine(cache, "go-build"),
            ["GOPATH"] = Path.Combine(cache, "gopath"),
            ["HOME"] = Path.Combine(cache, "gopath"),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        context.Log.Write("build", "go build");
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(options.GoPath, ["build", "-trimpath", "-o", temporary, "."], context.Directory,
                options.BuildTimeout, env, line => context.Log.Write("build", line), cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new FaasException(FaasError.DeployFailed, $"Go is not installed ('{options.GoPath}' was not found): install it (apt-get install golang-go) or set Faas:Servers:GoPath.");
        }
        if (result.ExitCode != 0 || !File.Exists(temporary))
        {
            File.Delete(temporary);
            var tail = string.Join('\n', result.LastLines.TakeLast(8));
            var download = result.LastLines.Any(l => l.Contains("GOPROXY=off", StringComparison.Ordinal) || l.Contains("cannot find module", StringComparison.Ordinal)
                || l.Contains("missing go.sum entry", StringComparison.Ordinal) || l.Contains("no required module provides", StringComparison.Ordinal));
            throw new FaasException(FaasError.DeployFailed, download
                ? $"go build needs modules that must be downloaded, and no module download is possible here: use the standard library only, or vendor the modules (go mod vendor) and deploy the vendor folder. {tail}"
                : result.TimedOut ? $"go build did not finish within {options.BuildTimeout}." : $"go build failed: {tail}");
        }
        File.Move(temporary, output, overwrite: true);
    }
}
