using System.Diagnostics;
using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>Dependencies installed at deploy: real npm (from the registry) and pip (from a local wheel), into the app's own folders.</summary>
public sealed class DeployDependenciesTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Deploy_NpmDependency_IsInstalledAndUsable()
    {
        await Client.DeploySampleBoundedAsync("node-npm-dep", "deps-npm");

        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "apps", "deps-npm", "v1", "node_modules", "is-number", "package.json")));
        Assert.Equal("true", await Client.CallOkAsync(server.CallPath("deps-npm", "isNumber"), "[5]"));
        Assert.Equal("false", await Client.CallOkAsync(server.CallPath("deps-npm", "isNumber"), """["five"]"""));
    }

    [Fact]
    public async Task Deploy_SameNpmAppAfterDelete_InstallsNothing()
    {
        await Client.DeploySampleBoundedAsync("node-npm-dep", "deps-again");
        await (await Client.DeleteAppAsync(server.Factory.Prefix, "deps-again")).ExpectAsync(HttpStatusCode.OK);

        await Client.DeploySampleBoundedAsync("node-npm-dep", "deps-again");

        var logs = await Client.LogsAsync("deps-again");
        Assert.Contains("[install] npm install in . skipped: dependencies unchanged (cached ", logs);
        Assert.DoesNotContain("added 1 package", logs);
        Assert.Equal("true", await Client.CallOkAsync(server.CallPath("deps-again", "isNumber"), "[5]"));
    }

    [Fact]
    public async Task Deploy_PythonLocalWheel_IsInstalledIntoTheAppsStateFolder()
    {
        await Client.DeploySampleBoundedAsync("python-local-dep", "deps-py");

        Assert.Equal("\"Hello, Ada! (from greeting 1.0.0)\"", await Client.CallOkAsync(server.CallPath("deps-py", "greet"), """["Ada"]"""));
        var target = Path.Combine(server.DataDirectory, "state", "deps-py", "v1", "python");
        Assert.True(File.Exists(Path.Combine(target, "greeting", "__init__.py")), $"greeting is not installed in {target}");
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "deps-py", "v1", "greeting")));
        Assert.False(await SystemPythonCanImportAsync("greeting"), "greeting was installed into the system site-packages");
    }

    [Fact]
    public async Task Deploy_PipInstallFails_FailsQuotingPip()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"py","path":".","scripts":["main.py"]}"""),
            ("main.py", "def f():\n    return 1\n"),
            ("requirements.txt", "./nope.whl\n"));
        await (await Client.UploadAsync("deps-pip-fail", zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync("deps-pip-fail").Bounded(HubApi.DeployTimeout);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var message = await response.TextAsync();
        Assert.Contains("pip install", message, StringComparison.Ordinal);
        Assert.Contains("nope.whl", message, StringComparison.Ordinal);
        Assert.Contains("ERROR", message, StringComparison.Ordinal);
        Assert.Equal("fail", (await Client.InspectAppAsync("deps-pip-fail"))!.Value.GetProperty("status").GetString());
    }

    private static async Task<bool> SystemPythonCanImportAsync(string module)
    {
        var start = new ProcessStartInfo(Runtimes.Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"import {module}");
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return process.ExitCode == 0;
    }
}
