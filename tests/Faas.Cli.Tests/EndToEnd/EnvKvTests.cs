using System.Diagnostics;
using System.Text.Json.Nodes;
using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary><c>faas env</c> and <c>faas kv</c> against a real server, seen from the app's own functions; <c>check</c>'s process line follows its workers.</summary>
public sealed class EnvKvTests(TestServer server) : IClassFixture<TestServer>
{
    private const string Script = """
        'use strict';
        const faas = require('faas');

        module.exports = {
          async read(key) {
            return { greeting: await faas.env.get('GREETING'), processGreeting: process.env.GREETING ?? null, value: await faas.kv.get(key) };
          },
          async fill(prefix, count) {
            for (let i = 0; i < count; i++) {
              await faas.kv.set(`${prefix}${String(i).padStart(3, '0')}`, i);
            }
            return count;
          },
        };
        """;

    [Fact]
    public async Task Env_SetGetListDelete_SeenByTheFunctionsAndCheck()
    {
        var cli = await DeployAsync("env-app");
        Assert.Empty((await cli.RunOkAsync("env", "list", "env-app", "--json")).Json.AsObject());
        var running = await ProcessAsync(cli, "env-app");
        Assert.Matches(@"^1 node worker\(s\) running \(pid \d+\)$", running);
        Assert.False(Process.GetProcessById(int.Parse(running.Split("pid ")[1].TrimEnd(')'), System.Globalization.CultureInfo.InvariantCulture)).HasExited);

        Assert.Contains("✓ env-app: environment updated", (await cli.RunOkAsync("env", "set", "env-app", "GREETING=hi there", "LEVEL=2")).Output, StringComparison.Ordinal);
        // The change restarts the workers (once idle) so their process env has it: until the next call they are idle by design.
        Assert.Equal("node workers idle by design (started on the next call)", await ProcessAsync(cli, "env-app"));
        var env = (await cli.RunOkAsync("env", "list", "env-app", "--json")).Json;
        Assert.Equal("""{"GREETING":"hi there","LEVEL":"2"}""", env.ToJsonString());
        Assert.Equal("hi there\n", (await cli.RunOkAsync("env", "get", "env-app", "GREETING")).Output);
        var read = (await cli.RunOkAsync("call", "env-app", "read", "[\"none\"]", "--json")).Json;
        Assert.Equal(("hi there", "hi there"), (read["greeting"]!.GetValue<string>(), read["processGreeting"]!.GetValue<string>()));
        Assert.StartsWith("1 node worker(s) running", await ProcessAsync(cli, "env-app"), StringComparison.Ordinal);

        await cli.RunOkAsync("env", "delete", "env-app", "LEVEL");
        Assert.Contains("GREETING", (await cli.RunOkAsync("env", "list", "env-app")).Output, StringComparison.Ordinal);
        Assert.Equal(4, (await cli.RunAsync("env", "get", "env-app", "LEVEL")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("env", "set", "env-app", "NOEQUALS")).ExitCode);
        Assert.Equal(4, (await cli.RunAsync("env", "list", "no-such-app")).ExitCode);
    }

    [Fact]
    public async Task Kv_SetGetListDelete_SharedWithTheFunctions()
    {
        var cli = await DeployAsync("kv-app");
        await cli.RunOkAsync("kv", "set", "kv-app", "visits:home", "5");
        Assert.Equal("5", (await cli.RunOkAsync("call", "kv-app", "read", "[\"visits:home\"]", "--json")).Json["value"]!.GetValue<string>());
        Assert.Equal("5\n", (await cli.RunOkAsync("kv", "get", "kv-app", "visits:home")).Output);
        await File.WriteAllTextAsync(Path.Combine(cli.Work, "value.txt"), "from a file", TestContext.Current.CancellationToken);
        await cli.RunOkAsync("kv", "set", "kv-app", "file", "@value.txt");
        Assert.Equal("\"from a file\"", (await cli.RunOkAsync("kv", "get", "kv-app", "file", "--json")).Output.Trim());
        Assert.Equal(2, (await cli.RunAsync("kv", "set", "kv-app", "file", "@missing.txt")).ExitCode);

        // More keys than the route's largest page: the list reads every page.
        Assert.Equal("130", (await cli.RunOkAsync("call", "kv-app", "fill", "[\"many:\", 130]", "--json")).Output.Trim());
        var many = (await cli.RunOkAsync("kv", "list", "kv-app", "--prefix", "many:", "--json")).Json.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, 130).Select(i => $"many:{i:000}"), many);
        Assert.Equal("129\n", (await cli.RunOkAsync("kv", "get", "kv-app", "many:129")).Output);
        Assert.Equal("file\nvisits:home\n", (await cli.RunOkAsync("kv", "list", "kv-app")).Output.Replace(string.Concat(many.Select(k => k + "\n")), "", StringComparison.Ordinal));

        Assert.Contains("visits:home removed", (await cli.RunOkAsync("kv", "delete", "kv-app", "visits:home")).Output, StringComparison.Ordinal);
        Assert.Equal(4, (await cli.RunAsync("kv", "get", "kv-app", "visits:home")).ExitCode);
        Assert.Equal(4, (await cli.RunAsync("kv", "delete", "kv-app", "visits:home")).ExitCode);
        Assert.Null((await cli.RunOkAsync("call", "kv-app", "read", "[\"visits:home\"]", "--json")).Json["value"]);
        Assert.Equal(4, (await cli.RunAsync("kv", "list", "no-such-app")).ExitCode);
    }

    private async Task<CliSession> DeployAsync(string app)
    {
        var cli = new CliSession(server, app);
        var folder = Directory.CreateDirectory(Path.Combine(cli.Functions, app)).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "index.js"), Script, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "metacall.json"), """{"language_id": "node", "path": ".", "scripts": ["index.js"]}""", TestContext.Current.CancellationToken);
        await cli.RunOkAsync("up");
        return cli;
    }

    /// <summary><c>faas check</c>'s process line for the app (its folder is consistent, so check exits 0).</summary>
    private static async Task<string> ProcessAsync(CliSession cli, string app)
    {
        var check = await cli.RunOkAsync("check", "--json");
        var apps = check.Json["apps"]!.AsArray();
        return apps.Single(a => a!["name"]!.GetValue<string>() == app)!["checks"]!["process"]!["message"]!.GetValue<string>();
    }
}
