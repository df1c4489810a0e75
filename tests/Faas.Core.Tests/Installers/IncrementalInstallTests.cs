using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Installers;

/// <summary>Real npm, pip and bundle: an install runs once, then is skipped until its inputs change.</summary>
public sealed class IncrementalInstallTests : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("faas-incremental-").FullName;
    private int _runs;

    private string App => Path.Combine(_root, "app");

    private string State => Path.Combine(_root, "state");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Samples([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "samples"));

    private static string PythonPath =>
        File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3";

    private void CopySample(string sample)
    {
        var source = Path.Combine(Samples(), sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "node_modules" or "__pycache__"))
            {
                continue;
            }
            var target = Path.Combine(App, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>One deploy's install, by a fresh installer (as after a server restart); returns its log lines.</summary>
    private async Task<string> InstallAsync()
    {
        using var log = new AppLog(Path.Combine(_root, $"install-{++_runs}.log"));
        var targets = new InstallTargets(State, Path.Combine(State, "install-keys.json"));
        var options = new WorkerOptions { PythonPath = PythonPath, WorkersDirectory = Path.Combine(Samples(), "..", "src", "workers") };
        await new DependencyInstaller(new LanguageRuntimes(LanguageRegistry.Default, options, new DataLayout(_root)), options)
            .InstallAsync(App, targets, log, TestContext.Current.CancellationToken)
            .WaitAsync(InstallTimeout, TestContext.Current.CancellationToken);
        return string.Join('\n', log.Recent());
    }

    private static void AssertRan(string log, string what) =>
        Assert.True(log.Contains($"[install] {what} in .\n", StringComparison.Ordinal) && !log.Contains("skipped", StringComparison.Ordinal), log);

    private static void AssertSkipped(string log, string what) =>
        Assert.True(log.Contains($"[install] {what} in . skipped: dependencies unchanged", StringComparison.Ordinal) && log.Split('\n').Length == 1, log);

    [Fact]
    public async Task Npm_UnchangedSkipped_ChangedOrMissingOutputReinstalled()
    {
        CopySample("node-npm-dep");

        AssertRan(await InstallAsync() + "\n", "npm install");
        Assert.True(File.Exists(Path.Combine(App, "node_modules", "is-number", "package.json")));
        Assert.True(File.Exists(Path.Combine(State, "install-keys.json")));
        AssertSkipped(await InstallAsync(), "npm install");

        File.AppendAllText(Path.Combine(App, "package.json"), "\n");
        AssertRan(await InstallAsync() + "\n", "npm install");
        AssertSkipped(await InstallAsync(), "npm install");

        Directory.Delete(Path.Combine(App, "node_modules"), recursive: true);
        AssertRan(await InstallAsync() + "\n", "npm install");
    }

    [Fact]
    public async Task Pip_LocalWheel_UnchangedSkipped_ChangedRequirementsReinstalled()
    {
        CopySample("python-local-dep");

        AssertRan(await InstallAsync() + "\n", "pip install");
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(State, "python")));
        AssertSkipped(await InstallAsync(), "pip install");

        File.AppendAllText(Path.Combine(App, "requirements.txt"), "# pinned\n");
        AssertRan(await InstallAsync() + "\n", "pip install");
        AssertSkipped(await InstallAsync(), "pip install");
    }

    [Fact]
    public async Task Bundle_LocalPathGem_UnchangedSkipped_ChangedGemfileReinstalled()
    {
        CopySample("ruby-gem");

        AssertRan(await InstallAsync() + "\n", "bundle install");
        Assert.True(Directory.Exists(Path.Combine(State, "ruby")));
        Assert.False(Directory.Exists(Path.Combine(App, ".bundle")), "nothing of Bundler's own goes into the app folder");
        AssertSkipped(await InstallAsync(), "bundle install");

        File.AppendAllText(Path.Combine(App, "Gemfile"), "# changed\n");
        AssertRan(await InstallAsync() + "\n", "bundle install");
    }

    [Fact]
    public async Task NoDeclaredDependencies_RunsNothing()
    {
        Directory.CreateDirectory(App);
        File.WriteAllText(Path.Combine(App, "package.json"), """{"name":"x","dependencies":{}}""");
        File.WriteAllText(Path.Combine(App, "requirements.txt"), "# nothing\n");
        File.WriteAllText(Path.Combine(App, "Gemfile"), "source 'https://rubygems.org'\n");

        Assert.Equal("", await InstallAsync());
        Assert.False(File.Exists(Path.Combine(State, "install-keys.json")));
    }
}
