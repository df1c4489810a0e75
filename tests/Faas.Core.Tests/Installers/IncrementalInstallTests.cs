using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Installers;

/// <summary>
/// Real npm, pip and bundle: an install runs once, then is skipped until its inputs change; what it
/// installed goes to the dependency cache, so another folder with the same inputs installs nothing.
/// </summary>
public sealed class IncrementalInstallTests : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("faas-incremental-").FullName;
    private int _runs;

    private string App => Path.Combine(_root, "app");

    private string State => Path.Combine(_root, "state");

    private string Cache => Path.Combine(_root, "cache");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Samples([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "samples"));

    private static string PythonPath =>
        File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3";

    private void CopySample(string sample) => CopySample(sample, App);

    private static void CopySample(string sample, string app)
    {
        var source = Path.Combine(Samples(), sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "node_modules" or "__pycache__"))
            {
                continue;
            }
            var target = Path.Combine(app, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>One deploy's install, by a fresh installer (as after a server restart); returns its log lines.</summary>
    private Task<string> InstallAsync() => InstallAsync(App, State);

    private async Task<string> InstallAsync(string app, string state)
    {
        using var log = new AppLog(Path.Combine(_root, $"install-{++_runs}.log"));
        var targets = new InstallTargets(state, Path.Combine(state, "install-keys.json"));
        var options = new WorkerOptions { PythonPath = PythonPath, WorkersDirectory = Path.Combine(Samples(), "..", "src", "workers") };
        await new DependencyInstaller(new LanguageRuntimes(LanguageRegistry.Default, options, new DataLayout(_root)), options, new DependencyCache(Cache, long.MaxValue))
            .InstallAsync(app, targets, log, TestContext.Current.CancellationToken)
            .WaitAsync(InstallTimeout, TestContext.Current.CancellationToken);
        return string.Join('\n', log.Recent());
    }

    private static void AssertRan(string log, string what) =>
        Assert.True(log.Contains($"[install] {what} in .\n", StringComparison.Ordinal) && !log.Contains("skipped", StringComparison.Ordinal), log);

    private static void AssertSkipped(string log, string what) =>
        Assert.True(log.Contains($"[install] {what} in . skipped: dependencies unchanged", StringComparison.Ordinal) && log.Split('\n').Length == 1, log);

    private static void AssertCached(string log, string what) =>
        Assert.True(log.Contains($"[install] {what} in . skipped: dependencies unchanged (cached ", StringComparison.Ordinal) && log.Split('\n').Length == 1, log);

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
        AssertCached(await InstallAsync(), "npm install");
        Assert.True(File.Exists(Path.Combine(App, "node_modules", "is-number", "package.json")));
    }

    [Fact]
    public async Task Npm_SameLockInAnotherFolder_LinksTheCachedInstall()
    {
        CopySample("node-npm-dep");
        AssertRan(await InstallAsync() + "\n", "npm install");
        var other = Path.Combine(_root, "other");
        CopySample("node-npm-dep", other);

        AssertCached(await InstallAsync(other, Path.Combine(_root, "other-state")), "npm install");

        var modules = new DirectoryInfo(Path.Combine(other, "node_modules"));
        Assert.NotNull(modules.LinkTarget);
        Assert.StartsWith(Cache, modules.ResolveLinkTarget(returnFinalTarget: true)!.FullName, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(other, "node_modules", "is-number", "package.json")));
    }

    [Fact]
    public async Task Pip_SameRequirementsInAnotherFolder_LinksTheCachedPackages()
    {
        CopySample("python-local-dep");
        AssertRan(await InstallAsync() + "\n", "pip install");
        var other = Path.Combine(_root, "other");
        CopySample("python-local-dep", other);
        var otherState = Path.Combine(_root, "other-state");

        AssertCached(await InstallAsync(other, otherState), "pip install");

        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(otherState, "python")));
    }

    [Fact]
    public void Prune_OverTheLimit_RemovesLeastRecentlyUsedEntriesNotInUse()
    {
        var cache = new DependencyCache(Cache, maxBytes: 250);
        foreach (var (key, age) in new[] { ("old", 3), ("used", 2), ("new", 1) })
        {
            var output = Path.Combine(_root, key, "node_modules");
            Directory.CreateDirectory(output);
            File.WriteAllBytes(Path.Combine(output, "blob"), new byte[100]);
            cache.Adopt(key, output, Path.Combine(_root, key), []);
            Directory.SetLastWriteTimeUtc(Path.Combine(Cache, key), DateTime.UtcNow.AddHours(-age));
        }

        cache.Prune(new HashSet<string> { "used" });

        Assert.Equal(["new", "used"], Directory.EnumerateDirectories(Cache).Select(Path.GetFileName).Order());
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
