using Faas.Core.Processes;

namespace Faas.Core.Tests.Workers;

/// <summary>Runs each language worker's own test suite (real runtime, real worker process) as part of <c>dotnet test</c>.</summary>
public sealed class WorkerSuiteTests
{
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Faas.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Faas.sln not found above the test binaries.");
    }

    private static async Task AssertSuitePasses(string fileName, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, RepositoryRoot(), TimeSpan.FromMinutes(4),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, $"{fileName} {string.Join(' ', arguments)} failed (exit {result.ExitCode}):\n{result.Tail(60)}");
    }

    [Fact]
    public Task NodeWorker_OwnSuite_Passes() =>
        AssertSuitePasses("node", ["--test", "src/workers/node/test/"]);

    [Fact]
    public Task PythonWorker_OwnSuite_Passes() =>
        AssertSuitePasses(PythonPath, ["-m", "unittest", "discover", "-s", "src/workers/python/tests"]);

    [Fact]
    public Task RubyWorker_OwnSuite_Passes() =>
        AssertSuitePasses("ruby", ["src/workers/ruby/test/test_worker.rb"]);

    private static string PythonPath =>
        File.Exists("/root/.pyenv/versions/3.11.7/bin/python3") ? "/root/.pyenv/versions/3.11.7/bin/python3" : "python3";
}
