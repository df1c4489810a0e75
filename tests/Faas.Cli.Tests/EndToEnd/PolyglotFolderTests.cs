using System.Diagnostics;
using System.Text.Json.Nodes;
using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary>
/// <c>faas new</c> in every language, plus a Node.js server, a Python <c>http.server</c> and a Dockerfile app, in one
/// functions folder: <c>check</c>, <c>up</c>, <c>call</c>, <c>invoke</c>, an edit, <c>down</c> of one (Podman, real runtimes).
/// </summary>
public sealed class PolyglotFolderTests(ContainerTestServer server) : IClassFixture<ContainerTestServer>
{
    private static readonly string[] Templates = ["lua", "node", "ts", "python", "ruby", "go"];

    [Fact]
    public async Task Up_EveryKindOfApp_DeploysChecksCallsAndRedeploysOnlyTheEdited()
    {
        var cli = new CliSession(server, "polyglot");
        foreach (var language in Templates)
        {
            await cli.RunOkAsync("new", $"new-{language}", "--lang", language);
        }
        Samples.CopyTo("node-server", Path.Combine(cli.Functions, "node-srv"));
        Samples.CopyTo("python-server", Path.Combine(cli.Functions, "py-srv"));
        Samples.CopyTo("container-busybox", Path.Combine(cli.Functions, "box"));
        var servers = new[] { "box", "new-go", "node-srv", "py-srv" };

        var before = await cli.RunAsync("check", "--json");
        Assert.Equal(1, before.ExitCode);
        Assert.Equal(9, before.Json["needAttention"]!.GetValue<int>());

        var up = await cli.RunOkAsync("up", "--json");
        var apps = Apps(up.Json);
        Assert.All(apps.Values, app => Assert.Equal("built", app["state"]!.GetValue<string>()));
        Assert.Equal(servers, apps.Where(a => a.Value["kind"]!.GetValue<string>() == "server").Select(a => a.Key).Order());
        Assert.EndsWith("/invoke/box", apps["box"]["urls"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var language in Templates.Where(l => l != "go"))
        {
            Assert.Equal($"\"Hello, {language}!\"", (await cli.RunOkAsync("call", $"new-{language}", "hello", $"[\"{language}\"]", "--json")).Output.Trim());
        }
        Assert.Equal("Hello from new-lua!\n", (await cli.RunOkAsync("invoke", "new-lua")).Output);
        Assert.Equal("Hello from new-go! (GET /hello)\n", (await cli.RunOkAsync("invoke", "new-go", "hello")).Output);
        Assert.Equal("Hello from a container\n", (await cli.RunOkAsync("invoke", "box", "index.html")).Output);
        await File.WriteAllTextAsync(Path.Combine(cli.Work, "body.txt"), "12345", TestContext.Current.CancellationToken);
        var node = JsonNode.Parse((await cli.RunOkAsync("invoke", "node-srv", "a/b?x=1", "--server", "-X", "PUT", "-d", "@body.txt", "--json")).Json["body"]!.GetValue<string>())!;
        Assert.Equal(("PUT", "/a/b", "1", 5), (node["method"]!.GetValue<string>(), node["path"]!.GetValue<string>(), node["query"]!["x"]!.GetValue<string>(), node["bytes"]!.GetValue<int>()));
        var python = JsonNode.Parse((await cli.RunOkAsync("invoke", "py-srv", "items/3?sort=asc")).Output)!;
        Assert.Equal(("/items/3", "asc"), (python["path"]!.GetValue<string>(), python["query"]!["sort"]!.GetValue<string>()));

        var after = await cli.RunOkAsync("check", "--json");
        var checks = Apps(after.Json).ToDictionary(a => a.Key, a => a.Value["checks"]!);
        Assert.All(checks.Values, c => Assert.True(c["process"]!["ok"]!.GetValue<bool>(), c.ToJsonString()));
        Assert.Contains("container faas-box-v1-", checks["box"]["process"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("The node-server runs (pid ", checks["node-srv"]["process"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("1 rb worker(s) running (pid ", checks["new-ruby"]["process"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/invoke/py-srv answers 200", checks["py-srv"]["route"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var again = await cli.RunOkAsync("up", "--json");
        Assert.All(Apps(again.Json).Values, app => Assert.Equal("up-to-date", app["state"]!.GetValue<string>()));

        var main = Path.Combine(cli.Functions, "py-srv", "main.py");
        await File.WriteAllTextAsync(main, (await File.ReadAllTextAsync(main, TestContext.Current.CancellationToken)).Replace("Hello from", "Edited", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var stale = await cli.RunAsync("check", "--json");
        Assert.Equal(1, stale.ExitCode);
        Assert.Equal(["py-srv"], Apps(stale.Json).Where(a => !a.Value["ok"]!.GetValue<bool>()).Select(a => a.Key));
        var edited = await cli.RunOkAsync("up", "--json");
        Assert.Equal(["py-srv"], Apps(edited.Json).Where(a => a.Value["state"]!.GetValue<string>() == "built").Select(a => a.Key));
        Assert.Equal("v2", Apps(edited.Json)["py-srv"]["version"]!.GetValue<string>());
        Assert.Equal("Edited a Python server", JsonNode.Parse((await cli.RunOkAsync("invoke", "py-srv")).Output)!["message"]!.GetValue<string>());

        Assert.NotEmpty(await ContainerTestServer.ContainersAsync("faas-box-"));
        await cli.RunOkAsync("down", "box");
        Assert.True((await ContainerTestServer.ContainersAsync("faas-box-")).Count == 0,
            string.Join('\n', server.Output.Split('\n').Where(l => l.Contains("box", StringComparison.Ordinal) || l.Contains("container", StringComparison.Ordinal))));
        Assert.Equal(4, (await cli.RunAsync("invoke", "box")).ExitCode);
    }

    private static Dictionary<string, JsonNode> Apps(JsonNode json) =>
        json["apps"]!.AsArray().ToDictionary(a => a!["name"]!.GetValue<string>(), a => a!);
}
