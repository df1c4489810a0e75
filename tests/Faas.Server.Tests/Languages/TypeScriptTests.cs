using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Languages;

/// <summary>
/// <c>ts</c> apps through the real server: the compiler is installed on the first ts deploy
/// (npm ci into the data folder), functions are callable and inspect shows their annotated types.
/// </summary>
public sealed class TypeScriptTests(TypeScriptTests.Fixture server) : IClassFixture<TypeScriptTests.Fixture>
{
    private const string Installing = "Installing the TypeScript compiler";

    public sealed class Fixture : FaasServerFixture
    {
        public TimeSpan FirstDeploy { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var clock = Stopwatch.StartNew();
            await Client.DeploySampleBoundedAsync("ts-basic", "ts-basic");
            FirstDeploy = clock.Elapsed;
        }
    }

    private HttpClient Client => server.Client;

    private string Ts(string function) => server.CallPath("ts-basic", function);

    [Fact]
    public async Task Call_EachSampleFunction_ReturnsItsResult()
    {
        Assert.Equal("3", await Client.CallOkAsync(Ts("add"), "[1,2]"));
        Assert.Equal("\"Hello, Ada!\"", await Client.CallOkAsync(Ts("greet"), """{"name":"Ada"}"""));
        Assert.Equal("\"waited 5 ms\"", await Client.CallOkAsync(Ts("later"), "[5]"));
        Assert.Equal("""{"a":true,"b":true}""", await Client.CallOkAsync(Ts("tags"), """[["a","b","a"]]"""));
        Assert.Equal("""{"x":[1,null]}""", await Client.CallOkAsync(Ts("echo"), """[{"x":[1,null]}]"""));
    }

    [Fact]
    public async Task Inspect_TypeScriptFunctions_ShowAnnotatedTypes()
    {
        var deployment = (await Client.InspectAppAsync("ts-basic"))!.Value;
        var handle = Assert.Single(deployment.GetProperty("packages").GetProperty("ts").EnumerateArray());
        Assert.Equal("index.ts", handle.GetProperty("name").GetString());
        var funcs = handle.GetProperty("scope").GetProperty("funcs").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(["add", "greet", "later", "tags", "echo"], funcs.Keys);
        Assert.Equal("""{"ret":{"type":{"name":"number","id":6}},"args":[{"name":"a","type":{"name":"number","id":6}},{"name":"b","type":{"name":"number","id":6}}]}""",
            funcs["add"].GetProperty("signature").GetRawText());
        Assert.Equal("""{"ret":{"type":{"name":"string","id":7}},"args":[{"name":"name","type":{"name":"string","id":7}}]}""",
            funcs["greet"].GetProperty("signature").GetRawText());
        Assert.True(funcs["later"].GetProperty("async").GetBoolean());
        Assert.False(funcs["add"].GetProperty("async").GetBoolean());
        Assert.Equal(("Promise<string>", 12), Ret(funcs["later"]));
        Assert.Equal(("string[]", 9), Arg(funcs["tags"], 0));
        Assert.Equal(("Record<string, boolean>", 10), Ret(funcs["tags"]));
        Assert.Equal(("", 20), Arg(funcs["echo"], 0));
        Assert.Equal(("", 20), Ret(funcs["echo"]));
    }

    [Fact]
    public async Task Deploy_SecondTsApp_ReusesTheInstalledCompiler()
    {
        var clock = Stopwatch.StartNew();
        await Client.DeploySampleBoundedAsync("ts-basic", "ts-again");
        var second = clock.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine($"first ts deploy {server.FirstDeploy.TotalMilliseconds:0} ms (npm ci included), second {second.TotalMilliseconds:0} ms");
        Assert.Equal("5", await Client.CallOkAsync(server.CallPath("ts-again", "add"), "[2,3]"));
        Assert.Contains(Installing, await Client.LogsAsync("ts-basic"), StringComparison.Ordinal);
        Assert.DoesNotContain(Installing, await Client.LogsAsync("ts-again"), StringComparison.Ordinal);
        var installed = Path.Combine(server.DataDirectory, "runtimes", "typescript", "node_modules", "typescript", "package.json");
        Assert.Equal(PinnedVersion(), JsonDocument.Parse(File.ReadAllText(installed)).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Deploy_TsSyntaxError_FailsNamingTheFile()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"ts","path":".","scripts":["index.ts"]}"""),
            ("index.ts", "export function f(a: number {\n  return a;\n}\n"));
        await (await Client.UploadAsync("ts-broken", zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync("ts-broken").Bounded(HubApi.DeployTimeout);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var message = await response.TextAsync();
        Assert.Contains("index.ts", message, StringComparison.Ordinal);
        Assert.Contains("TS1005", message, StringComparison.Ordinal);
        Assert.Equal("fail", (await Client.InspectAppAsync("ts-broken"))!.Value.GetProperty("status").GetString());
    }

    /// <summary>A node app installs nothing; after a restart a ts app runs without reinstalling.</summary>
    [Fact]
    public async Task Restart_TsApp_RunsWithoutReinstalling_AndOtherAppsNeverInstall()
    {
        var first = new FaasAppFactory();
        var compiler = Path.Combine(first.DataDirectory, "runtimes", "typescript");
        FaasAppFactory restarted;
        try
        {
            using var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await client.DeploySampleBoundedAsync("node-sum", "plain-node");
            Assert.False(Directory.Exists(compiler), "a node app must not install the TypeScript compiler");
            await client.DeploySampleBoundedAsync("ts-basic", "ts-restored");
            restarted = first.Restarted(); // takes the data folder over, so the shutdown below keeps it
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using (restarted)
        {
            using var again = await restarted.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            Assert.Equal("\"Hello, Bo!\"", await again.CallOkAsync(restarted.CallPath("ts-restored", "greet"), """["Bo"]"""));
            var logs = await again.LogsAsync("ts-restored");
            Assert.Single(logs.Split('\n'), line => line.Contains(Installing, StringComparison.Ordinal));
        }
    }

    // Compared decoded: the server may re-escape the worker's JSON (`<` as \u003C).
    private static (string?, int) Arg(JsonElement func, int index) => TypeOf(func.GetProperty("signature").GetProperty("args")[index]);

    private static (string?, int) Ret(JsonElement func) => TypeOf(func.GetProperty("signature").GetProperty("ret"));

    private static (string?, int) TypeOf(JsonElement typed) =>
        (typed.GetProperty("type").GetProperty("name").GetString(), typed.GetProperty("type").GetProperty("id").GetInt32());

    private static string PinnedVersion()
    {
        var packageJson = Path.Combine(Samples.Root, "..", "src", "workers", "node", "package.json");
        return JsonDocument.Parse(File.ReadAllText(packageJson)).RootElement.GetProperty("dependencies").GetProperty("typescript").GetString()!;
    }
}
