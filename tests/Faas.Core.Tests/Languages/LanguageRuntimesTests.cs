using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Languages;

/// <summary>Real runtimes probed on this machine, a missing one named, and each language's worker start.</summary>
public sealed class LanguageRuntimesTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("faas-runtimes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Workers([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "workers"));

    private static string PythonPath =>
        File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3";

    private LanguageRuntimes Runtimes(WorkerOptions options) => new(LanguageRegistry.Default, options, new DataLayout(_root));

    private static ILanguage Language(string id) => LanguageRegistry.Default.Get(id);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusAsync_InstalledRuntimes_ReportTheirVersions()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = Workers(), PythonPath = PythonPath });

        var node = await runtimes.StatusAsync(Language("node"), Ct).WaitAsync(Timeout, Ct);
        var python = await runtimes.StatusAsync(Language("python"), Ct).WaitAsync(Timeout, Ct);

        Assert.True(node.Available, node.Problem);
        Assert.StartsWith("v", node.Version, StringComparison.Ordinal);
        Assert.True(python.Available, python.Problem);
        Assert.StartsWith("Python 3.", python.Version, StringComparison.Ordinal);
        Assert.True(Path.IsPathFullyQualified(python.Executable) && File.Exists(python.Executable), python.Executable);
    }

    [Fact]
    public async Task StatusAsync_PythonShim_ResolvedToTheRealExecutable()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = Workers(), PythonPath = "python3" });

        var python = await runtimes.StatusAsync(Language("py"), Ct).WaitAsync(Timeout, Ct);

        Assert.True(python.Available, python.Problem);
        Assert.NotEqual("python3", python.Executable);
        Assert.True(File.Exists(python.Executable), python.Executable);
    }

    [Fact]
    public async Task RequireAsync_ConfiguredExecutableMissing_ThrowsNamingWhatToInstall()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = Workers(), RubyPath = "/nonexistent/ruby" });

        var error = await Assert.ThrowsAsync<FaasException>(() => runtimes.RequireAsync(Language("ruby"), Ct).WaitAsync(Timeout, Ct));
        var status = await runtimes.StatusAsync(Language("rb"), Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.StartsWith("Ruby is not installed: apt-get install ruby ruby-bundler, or set Faas:Workers:RubyPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/ruby", error.Message, StringComparison.Ordinal);
        Assert.False(status.Available);
        Assert.Equal(error.Message, status.Problem);
    }

    [Fact]
    public async Task StatusAsync_WorkerFileMissing_Unavailable()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = _root });

        var node = await runtimes.StatusAsync(Language("node"), Ct).WaitAsync(Timeout, Ct);

        Assert.False(node.Available);
        Assert.Contains($"worker file {Path.Combine(_root, "node", "worker.js")} is missing", node.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareLaunchAsync_OneMissingRuntime_FailsTheWholeLaunchNamingIt()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = Workers(), PythonPath = "/nonexistent/python3" });
        var manifest = new AppManifest(new Dictionary<string, IReadOnlyList<ScriptRef>> { ["node"] = [], ["py"] = [] });
        using var log = new AppLog(Path.Combine(_root, "app.log"));

        var error = await Assert.ThrowsAsync<FaasException>(() =>
            runtimes.PrepareLaunchAsync(manifest, _root, _root, new Dictionary<string, string>(), log, Ct).WaitAsync(Timeout, Ct));

        Assert.StartsWith("Python is not installed: apt-get install python3 python3-pip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareLaunchAsync_EachLanguage_ItsCommandEnvironmentAndMemoryLimit()
    {
        var runtimes = Runtimes(new WorkerOptions { WorkersDirectory = Workers(), PythonPath = PythonPath });
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Gemfile"), "gem 'shout', path: 'shout'\n");
        var manifest = new AppManifest(new Dictionary<string, IReadOnlyList<ScriptRef>> { ["node"] = [], ["py"] = [], ["rb"] = [], [StaticFiles.Id] = [] });
        using var log = new AppLog(Path.Combine(_root, "app.log"));
        var env = new Dictionary<string, string> { ["GREETING"] = "hi", ["BUNDLE_PATH"] = "/elsewhere" };

        var launch = await runtimes.PrepareLaunchAsync(manifest, app, Path.Combine(_root, "deps"), env, log, Ct).WaitAsync(Timeout, Ct);

        Assert.Equal(["node", "py", "rb"], launch.Workers.Keys.Order());
        Assert.All(launch.Workers.Values, w => Assert.Equal("hi", w.Start.Environment["GREETING"]));

        var node = launch.Worker("node").StartWith(64);
        Assert.Equal(["--max-old-space-size=64", Path.Combine(Workers(), "node", "worker.js")], node.Command.Arguments);
        Assert.Equal(launch.Worker("node").Start, launch.Worker("node").StartWith(0));

        var python = launch.Worker("py");
        Assert.Equal([Path.Combine(_root, "deps", "python")], python.Start.ImportPaths);
        Assert.Equal("300", python.StartWith(300).Environment["FAAS_MEMORY_LIMIT_MB"]);

        var ruby = launch.Worker("rb");
        Assert.Equal(Path.Combine(_root, "deps", "ruby"), ruby.Start.Environment["BUNDLE_PATH"]);
        Assert.Equal(Path.Combine(app, "Gemfile"), ruby.Start.Environment["BUNDLE_GEMFILE"]);
        var limited = ruby.StartWith(200);
        Assert.Equal("prlimit", limited.Command.FileName);
        Assert.Equal([$"--as={200L * 1024 * 1024}", "--", ruby.Start.Command.FileName, .. ruby.Start.Command.Arguments], limited.Command.Arguments);

        var csharp = Language("cs").LimitMemory(new WorkerStart(new WorkerCommand("dotnet", ["worker.dll"])), 256);
        Assert.Equal("10000000", csharp.Environment["DOTNET_GCHeapHardLimit"]);
    }
}
