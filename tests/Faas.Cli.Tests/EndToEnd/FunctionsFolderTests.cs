using System.Text.Json.Nodes;
using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary><c>faas new</c>, <c>up</c>, <c>check</c>, <c>down</c> over a real functions folder against a real server process.</summary>
public sealed class FunctionsFolderTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task Up_NodeAndPythonApps_DeploysChangedOnlyAndChecks()
    {
        var work = Work("up");
        await RunOkAsync(work, "new", "up-node", "--lang", "node");
        await RunOkAsync(work, "new", "up-py", "--lang", "python");

        var before = await RunAsync(work, "check", "--json");
        Assert.Equal(1, before.ExitCode);
        Assert.All(Apps(before.Json), app => Assert.False(app!["checks"]!["hash"]!["ok"]!.GetValue<bool>()));

        var first = await RunOkAsync(work, "up", "--json");
        Assert.Equal(["built", "built"], States(first.Json));
        Assert.Equal(2, first.Json["built"]!.GetValue<int>());
        Assert.Contains(Apps(first.Json), app => app!["urls"]![0]!.GetValue<string>().EndsWith("/up-node/v1/call/hello", StringComparison.Ordinal));
        Assert.Equal("\"Hello, World!\"", (await RunOkAsync(work, "call", "up-node", "hello", "[\"World\"]", "--json")).Output.Trim());
        Assert.Equal("\"Hello, Py!\"", (await RunOkAsync(work, "call", "up-py", "hello", "{\"name\":\"Py\"}", "--json")).Output.Trim());

        var second = await RunOkAsync(work, "up", "--json");
        Assert.Equal(["up-to-date", "up-to-date"], States(second.Json));
        Assert.True(second.Json["seconds"]!.GetValue<double>() < 2, second.Output);
        var consistent = await RunOkAsync(work, "check");
        Assert.Contains("Summary: all functions are consistent.", consistent.Output, StringComparison.Ordinal);

        await File.AppendAllTextAsync(Path.Combine(work, "functions", "up-py", "main.py"), "\n\ndef bye():\n    return 'bye'\n", TestContext.Current.CancellationToken);
        var stale = await RunAsync(work, "check");
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("✗ Source changed since v1", stale.Output, StringComparison.Ordinal);

        var third = await RunOkAsync(work, "up", "--json");
        Assert.Equal(["up-to-date", "built"], States(third.Json));
        Assert.Equal("v2", Apps(third.Json)[1]!["version"]!.GetValue<string>());
        Assert.Equal("\"bye\"", (await RunOkAsync(work, "call", "up-py", "bye", "--json")).Output.Trim());
        await RunOkAsync(work, "check");
    }

    [Fact]
    public async Task Up_PlainNodeServerFolder_RunsAsAServerAtInvoke()
    {
        var work = Work("server");
        Samples.CopyTo("node-server", Path.Combine(work, "functions", "up-server"));

        var up = await RunOkAsync(work, "up", "--json");

        Assert.Equal(["built"], States(up.Json));
        var url = Apps(up.Json)[0]!["urls"]![0]!.GetValue<string>();
        Assert.EndsWith("/invoke/up-server", url, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var response = await http.GetAsync(url + "/hello?x=1", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal(["up-to-date"], States((await RunOkAsync(work, "up", "--json")).Json));
    }

    [Fact]
    public async Task Up_OneAppFails_OthersDeployAndExit1()
    {
        var work = Work("fails");
        await RunOkAsync(work, "new", "fine", "--lang", "node");
        Samples.CopyTo("go-needs-module", Path.Combine(work, "functions", "needs-module"));

        var up = await RunAsync(work, "up", "--json");

        Assert.Equal(1, up.ExitCode);
        Assert.Equal(["built", "failed"], States(up.Json));
        Assert.Equal((1, 1), (up.Json["built"]!.GetValue<int>(), up.Json["failed"]!.GetValue<int>()));
        Assert.Contains("no module download is possible here", Apps(up.Json)[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var human = await RunAsync(work, "up");
        Assert.Equal(1, human.ExitCode);
        Assert.Contains("Total: 0 built, 1 up-to-date, 1 failed", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_NamesThenForce_RemovesApps()
    {
        var work = Work("down");
        await RunOkAsync(work, "new", "down-a", "--lang", "node");
        await RunOkAsync(work, "new", "down-b", "--lang", "node");
        await RunOkAsync(work, "up");

        var one = await RunOkAsync(work, "down", "down-a", "--json");
        Assert.Equal(["down-a"], one.Json["removed"]!.AsArray().Select(n => n!.GetValue<string>()));
        var names = await ListAsync(work);
        Assert.DoesNotContain("down-a", names);
        Assert.Contains("down-b", names);
        Assert.Contains("not deployed", (await RunOkAsync(work, "down", "down-a")).Error, StringComparison.Ordinal);

        var all = await RunOkAsync(work, "down", "--force", "--json");
        Assert.Equal(["down-b"], all.Json["removed"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("down-b", await ListAsync(work));
        Assert.False(Directory.Exists(Path.Combine(server.Root, "data", "apps", "down-b")));
    }

    [Fact]
    public async Task Rollback_AfterTwoVersions_ActivatesTheFirstAndLogsSayIt()
    {
        var work = Work("rollback");
        await RunOkAsync(work, "new", "rb", "--lang", "node");
        await RunOkAsync(work, "up");
        var script = Path.Combine(work, "functions", "rb", "index.js");
        await File.WriteAllTextAsync(script, (await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken)).Replace("Hello", "Bye", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await RunOkAsync(work, "up");
        Assert.Equal("\"Bye, x!\"", (await RunOkAsync(work, "call", "rb", "hello", "[\"x\"]", "--json")).Output.Trim());

        var versions = (await RunOkAsync(work, "versions", "rb", "--json")).Json.AsArray();
        Assert.Equal(["v2", "v1"], versions.Select(v => v!["version"]!.GetValue<string>()));
        Assert.True(versions[0]!["active"]!.GetValue<bool>());

        await RunOkAsync(work, "rollback", "rb", "v1");
        Assert.Equal("\"Hello, x!\"", (await RunOkAsync(work, "call", "rb", "hello", "[\"x\"]", "--json")).Output.Trim());
        Assert.True((await RunOkAsync(work, "versions", "rb", "--json")).Json[1]!["active"]!.GetValue<bool>());
        Assert.Contains("Rolled back to v1", (await RunOkAsync(work, "logs", "rb")).Output, StringComparison.Ordinal);
        Assert.Equal(4, (await RunAsync(work, "rollback", "rb", "v9")).ExitCode);

        // The folder now differs from the active v1: check says so, up deploys v3.
        Assert.Equal(1, (await RunAsync(work, "check")).ExitCode);
    }

    [Fact]
    public async Task LogsFollow_UntilCancelled_PrintsTheLiveLog()
    {
        var work = Work("logs");
        await RunOkAsync(work, "new", "follow", "--lang", "node");
        await RunOkAsync(work, "up");
        var output = new SignalWriter();
        using var stop = new CancellationTokenSource();
        var following = CliRun.RunAsync(server.Variables(Path.Combine(work, "home")), work, ["logs", "follow", "-f", "--tail", "5"], stop.Token, output);
        await output.WaitForAsync("Deploying v1", TimeSpan.FromSeconds(30));
        await File.AppendAllTextAsync(Path.Combine(work, "functions", "follow", "index.js"), "// v2\n", TestContext.Current.CancellationToken);
        await RunOkAsync(work, "up");
        await output.WaitForAsync("Ready: v2", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        var run = await following;
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Deploy_FolderWithName_DeploysEveryTimeWithItsEnv()
    {
        var work = Work("deploy");
        await RunOkAsync(work, "new", "dep-src", "--lang", "node");
        var folder = Path.Combine("functions", "dep-src");

        var first = await RunOkAsync(work, "deploy", folder, "--name", "dep-named", "-e", "GREETING=hi", "--json");
        Assert.Equal("built", Apps(first.Json)[0]!["state"]!.GetValue<string>());
        Assert.Equal("v1", Apps(first.Json)[0]!["version"]!.GetValue<string>());
        var human = await RunOkAsync(work, "deploy", folder, "--name", "dep-named");
        Assert.Contains("✓ built", human.Output, StringComparison.Ordinal);
        Assert.Contains("/dep-named/v2/call/hello", human.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync(work, "deploy", folder, "--name", "bad/name")).ExitCode);
        Assert.Equal(2, (await RunAsync(work, "deploy", folder, "-e", "NOEQUALS")).ExitCode);
    }

    [Fact]
    public async Task Call_Errors_HaveNamedExitCodes()
    {
        var work = Work("errors");
        Assert.Equal(4, (await RunAsync(work, "call", "no-such-app", "f")).ExitCode);
        Assert.Equal(2, (await RunAsync(work, "call", "../x", "f")).ExitCode);
        Assert.Equal(2, (await RunAsync(work, "call")).ExitCode);
        Assert.Equal(4, (await RunAsync(work, "rm", "no-such-app")).ExitCode);
        Assert.Equal(2, (await RunAsync(work, "up", "-d", "missing")).ExitCode);
        var unreachable = await CliRun.RunAsync(new Dictionary<string, string> { ["FAAS_URL"] = $"http://127.0.0.1:{TestServer.FreePort()}" }, work, ["ls"], TestContext.Current.CancellationToken);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("No Faas server answers", unreachable.Error, StringComparison.Ordinal);
        var invoke = await RunAsync(work, "invoke", "no-such-app");
        Assert.Equal(4, invoke.ExitCode);
        Assert.Contains("404 from /fn/no-such-app/", invoke.Error, StringComparison.Ordinal);
    }

    private string Work(string name)
    {
        var work = Path.Combine(server.Root, name);
        Directory.CreateDirectory(Path.Combine(work, "functions"));
        return work;
    }

    private Task<CliRun> RunAsync(string work, params string[] args) =>
        CliRun.RunAsync(server.Variables(Path.Combine(work, "home")), work, args, TestContext.Current.CancellationToken);

    private async Task<CliRun> RunOkAsync(string work, params string[] args)
    {
        var run = await RunAsync(work, args);
        Assert.True(run.ExitCode == 0, $"faas {string.Join(' ', args)}: {run}\n--- server ---\n{server.Output}");
        return run;
    }

    private async Task<List<string>> ListAsync(string work) =>
        [.. (await RunOkAsync(work, "ls", "--json")).Json.AsArray().Select(a => a!["name"]!.GetValue<string>())];

    private static JsonArray Apps(JsonNode json) => json["apps"]!.AsArray();

    private static IEnumerable<string> States(JsonNode json) => Apps(json).Select(a => a!["state"]!.GetValue<string>());
}
