using Faas.Core.Processes;

namespace Faas.Core.Tests.Processes;

/// <summary>What an isolated process sees and may do, with the real bwrap and prlimit.</summary>
public sealed class IsolationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("faas-isolation-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SandboxSpec Spec(IReadOnlyList<string>? readOnly = null, bool network = true) =>
        new(readOnly is [var first, ..] ? first : _root, Path.Combine(_root, "scratch"), readOnly ?? [_root], [], [], network);

    private static async Task<ProcessResult> RunAsync(Isolation isolation, SandboxSpec spec, string script, ProcessLimits? limits = null)
    {
        var command = await isolation.PrepareAsync("/bin/sh", ["-c", script], [new("APP_VAR", "app")], spec, limits ?? ProcessLimits.None, Ct);
        return await ProcessRunner.RunAsync(command, spec.WorkingDirectory, Bound, cancellationToken: Ct).WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task PrepareAsync_AnyMode_GivesOnlyTheMinimalEnvironmentAndTheAppsVariables()
    {
        Environment.SetEnvironmentVariable("FAAS_ISOLATION_MARKER", "server");
        try
        {
            var result = await RunAsync(new Isolation(new SandboxOptions { Mode = SandboxMode.Off, PassEnvironment = [] }), Spec(), "env | cut -d= -f1 | sort");

            Assert.True(result.Succeeded, result.Tail());
            Assert.Equal(["APP_VAR", "HOME", "LANG", "PATH", "PWD", "TMPDIR"], result.LastLines.Where(l => l != "SHLVL" && l != "_").ToArray());
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAAS_ISOLATION_MARKER", null);
        }
    }

    [Fact]
    public async Task PrepareAsync_OpenFilesAndFileSizeLimits_AreInForce()
    {
        var result = await RunAsync(new Isolation(new SandboxOptions { Mode = SandboxMode.Off }), Spec(), "awk '/Max file size|Max open files/ { print $4 }' /proc/self/limits",
            new ProcessLimits(OpenFiles: 123, Processes: 0, FileSizeMb: 1, CpuSeconds: 0));

        Assert.True(result.Succeeded, result.Tail());
        Assert.Equal(["1048576", "123"], result.LastLines);
    }

    [Fact]
    public async Task PrepareAsync_Sandboxed_SeesItsFoldersButNotTheRestOrASymlinkedFolder()
    {
        var isolation = new Isolation(new SandboxOptions());
        var problem = await isolation.SandboxProblemAsync(Ct);
        Assert.SkipWhen(problem is not null, problem ?? "");
        var secret = Directory.CreateDirectory(Path.Combine(_root, "..", Path.GetFileName(_root) + "-secret")).FullName;
        File.WriteAllText(Path.Combine(secret, "key"), "s3cret");
        var app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, secret);
        try
        {
            var result = await RunAsync(isolation, Spec([app, link]),
                $"test -d {app} && echo app; test -e {secret}/key && echo secret; test -e {link}/key && echo link; touch {app}/x 2>/dev/null && echo wrote; test -w $HOME && echo home");

            Assert.True(result.Succeeded, result.Tail());
            Assert.Equal(["app", "home"], result.LastLines);
        }
        finally
        {
            Directory.Delete(secret, recursive: true);
        }
    }

    [Fact]
    public async Task PrepareAsync_NoBwrapAndNoNetworkAsked_RefusesRatherThanRunWithANetwork()
    {
        var isolation = new Isolation(new SandboxOptions { BwrapPath = Path.Combine(_root, "no-bwrap") });

        var error = await Assert.ThrowsAsync<FaasException>(() =>
            isolation.PrepareAsync("/bin/true", [], [], Spec(network: false), ProcessLimits.None, Ct));

        Assert.Contains("\"network\": false", error.Message);
        Assert.Contains("not installed", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
