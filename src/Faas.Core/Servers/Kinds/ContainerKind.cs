using System.Text.RegularExpressions;
using Faas.Core.Paths;
using Faas.Core.Processes;

namespace Faas.Core.Servers.Kinds;

/// <summary>
/// A container: a <c>Dockerfile</c>. Built with the machine's engine (Podman, else Docker) through its
/// CLI with argument lists, once per content hash (the image <c>localhost/faas-&lt;app&gt;:&lt;hash&gt;</c>),
/// and run in the foreground (its output goes to the app log, its exit is seen) with <c>PORT=8000</c>
/// published on a free loopback port only; the container is removed (<c>rm -f</c>) whenever it is stopped.
/// </summary>
internal sealed partial class ContainerKind(ServerAppOptions options) : IServerKind
{
    private const int ContainerPort = 8000;

    public string Id => "container";

    public bool InstallsDependencies => false;

    public bool Matches(string directory) => File.Exists(Path.Combine(directory, "Dockerfile"));

    public async Task<Func<int, ServerCommand>> PrepareAsync(ServerBuildContext context, CancellationToken cancellationToken)
    {
        var engine = FindEngine()
            ?? throw new FaasException(FaasError.DeployFailed,
                "This app has a Dockerfile but no container engine is installed: install Podman (apt-get install podman runc) or Docker, or set Faas:Servers:ContainerEngine.");
        var podman = Path.GetFileName(engine).StartsWith("podman", StringComparison.Ordinal);
        var image = $"localhost/faas-{Unsafe().Replace(context.App.ToLowerInvariant(), "-")}:{ContentHash.Compute(context.Directory)[..16]}";
        var exists = await ProcessRunner.RunAsync(engine, ["image", "inspect", "--format", "{{.Id}}", image], context.Directory, options.BuildTimeout,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (exists.Succeeded)
        {
            context.Log.Write("build", $"image {image} exists: build skipped");
        }
        else
        {
            context.Log.Write("build", $"{Path.GetFileName(engine)} build -t {image}");
            var build = await ProcessRunner.RunAsync(engine, ["build", "-t", image, "-f", Path.Combine(context.Directory, "Dockerfile"), context.Directory],
                context.Directory, options.BuildTimeout, null, line => context.Log.Write("build", line), cancellationToken).ConfigureAwait(false);
            if (!build.Succeeded)
            {
                throw new FaasException(FaasError.DeployFailed, build.TimedOut
                    ? $"The image build did not finish within {options.BuildTimeout}."
                    : $"The image build failed: {string.Join('\n', build.LastLines.TakeLast(8))}");
            }
        }
        return port =>
        {
            var name = $"faas-{Unsafe().Replace(context.App.ToLowerInvariant(), "-")}-{context.Version}-{Guid.NewGuid():N}"[..^20];
            var arguments = new List<string> { "run", "--rm", "--name", name };
            if (podman)
            {
                // crun refuses hybrid cgroups, and the default ulimits are refused on such machines.
                arguments.AddRange(["--runtime", "runc", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]);
            }
            arguments.AddRange(["-p", $"127.0.0.1:{port}:{ContainerPort}", "-e", $"PORT={ContainerPort}"]);
            foreach (var (key, value) in context.Env)
            {
                arguments.AddRange(["-e", $"{key}={value}"]);
            }
            arguments.Add(image);
            return new ServerCommand(engine, arguments, context.Directory, new Dictionary<string, string?>(), podman ? ["rm", "-f", "-t", "0", name] : ["rm", "-f", name], name);
        };
    }

    private string? FindEngine()
    {
        if (!string.IsNullOrWhiteSpace(options.ContainerEngine))
        {
            return Which(options.ContainerEngine);
        }
        return Which("podman") ?? Which("docker");
    }

    private static string? Which(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex("[^a-z0-9_.-]")]
    private static partial Regex Unsafe();
}
