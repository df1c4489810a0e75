using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Languages;

/// <summary>
/// <c>cs</c> apps through the real server and the real C# worker: scripts compiled with Roslyn
/// (samples/csharp-basic), a class library built with dotnet build (samples/csharp-project),
/// inspect's C# types, console output in the logs, and compile errors failing the deploy.
/// </summary>
public sealed class CSharpTests(CSharpTests.Fixture server) : IClassFixture<CSharpTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        /// <summary>From the deploy request to the first call's answer, per app.</summary>
        public Dictionary<string, TimeSpan> DeployToFirstCall { get; } = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await TimeAsync("csharp-basic", "cs-basic", "Add", "[1,2]");
            await TimeAsync("csharp-project", "cs-project", "Multiply", "[2,3]");
        }

        private async Task TimeAsync(string sample, string app, string function, string args)
        {
            var clock = Stopwatch.StartNew();
            await Client.DeploySampleBoundedAsync(sample, app);
            await Client.CallOkAsync(CallPath(app, function), args);
            DeployToFirstCall[app] = clock.Elapsed;
        }
    }

    private HttpClient Client => server.Client;

    private string Basic(string function) => server.CallPath("cs-basic", function);

    private string Project(string function) => server.CallPath("cs-project", function);

    [Fact]
    public async Task Call_EachBasicFunction_ReturnsItsResult()
    {
        Assert.Equal("3", await Client.CallOkAsync(Basic("Add"), "[1,2]"));
        Assert.Equal("\"Hello, Ada!\"", await Client.CallOkAsync(Basic("Greet"), """{"name":"Ada"}"""));
        Assert.Equal("\"waited 5 ms\"", await Client.CallOkAsync(Basic("LaterAsync"), "[5]"));
        Assert.Equal("2.5", await Client.CallOkAsync(Basic("Divide"), "[5,2]"));
        Assert.Equal("[2,4,6]", await Client.CallOkAsync(Basic("Doubled"), "[[1,2,3]]"));
        Assert.Equal("\"Hello, é \\\"x\\\"!\"", await Client.CallOkAsync(Basic("Greet"), """["é \"x\""]"""));
    }

    [Fact]
    public async Task Call_DivideByZero_Returns500WithTheExceptionMessage()
    {
        var response = await Client.CallBoundedAsync(Basic("Divide"), "[1,0]");

        var text = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Contains("Cannot divide by zero.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ArgumentOfTheWrongType_Returns400()
    {
        var response = await Client.CallBoundedAsync(Basic("Add"), """["one",2]""");

        Assert.Contains("'a'", await response.ExpectAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ConsoleWriteLine_GoesToTheLogsNotTheResult()
    {
        var marker = $"m{Guid.NewGuid():N}";

        var response = await Client.CallBoundedAsync(Basic("Noisy"), $"[\"{marker}\"]");

        Assert.Equal("", await response.ExpectAsync(HttpStatusCode.OK)); // void, like Python's None
        await Client.WaitForLogAsync("cs-basic", $"noisy called with {marker}");
        Assert.Equal("7", await Client.CallOkAsync(Basic("Add"), "[3,4]"));
    }

    [Fact]
    public async Task Call_ManyAsyncCallsAtOnce_EachGetsItsOwnResult()
    {
        var calls = Enumerable.Range(0, 40).Select(i => Client.CallOkAsync(Basic("LaterAsync"), $"[{20 + i % 5}]")).ToList();

        var results = await Task.WhenAll(calls).Bounded();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"\"waited {20 + i % 5} ms\""), results);
    }

    [Fact]
    public async Task Inspect_BasicFunctions_ShowCSharpTypes()
    {
        var funcs = await FuncsAsync("cs-basic", "Functions.cs");

        Assert.Equal(["Add", "Greet", "LaterAsync", "Divide", "Doubled", "Noisy"], funcs.Keys);
        Assert.Equal("""{"ret":{"type":{"name":"int","id":3}},"args":[{"name":"a","type":{"name":"int","id":3}},{"name":"b","type":{"name":"int","id":3}}]}""",
            funcs["Add"].GetProperty("signature").GetRawText());
        Assert.Equal(("string", 7), Arg(funcs["Greet"], 0));
        Assert.True(funcs["LaterAsync"].GetProperty("async").GetBoolean());
        Assert.False(funcs["Add"].GetProperty("async").GetBoolean());
        Assert.Equal(("Task<string>", 12), Ret(funcs["LaterAsync"]));
        Assert.Equal(("double", 6), Ret(funcs["Divide"]));
        Assert.Equal(("int[]", 9), Arg(funcs["Doubled"], 0));
        Assert.Equal(("void", 14), Ret(funcs["Noisy"]));
    }

    [Fact]
    public async Task Call_ProjectFunctions_ReturnTheirResults()
    {
        Assert.Equal("42", await Client.CallOkAsync(Project("Multiply"), "[6,7]"));
        Assert.Equal("""{"X":1,"Y":2}""", await Client.CallOkAsync(Project("Midpoint"), """{"a":{"x":0,"y":0},"b":{"X":2,"Y":4}}"""));
        Assert.Equal("\"abab\"", await Client.CallOkAsync(Project("Repeat"), """["ab"]"""));
        Assert.Equal("\"ababab\"", await Client.CallOkAsync(Project("Repeat"), """{"text":"ab","times":3}"""));
        Assert.Equal("""{"a":1,"bcd":3}""", await Client.CallOkAsync(Project("WordLengths"), """[["a","bcd","a"]]"""));
    }

    [Fact]
    public async Task Inspect_ProjectFunctions_ShowCSharpTypes()
    {
        var funcs = await FuncsAsync("cs-project", "Geometry.csproj");

        Assert.Equal(["Multiply", "Midpoint", "Repeat", "WordLengths"], funcs.Keys);
        Assert.Equal(("Point", 20), Ret(funcs["Midpoint"]));
        Assert.Equal(("int", 3), Arg(funcs["Repeat"], 1));
        Assert.Equal(("List<string>", 9), Arg(funcs["WordLengths"], 0));
        Assert.Equal(("Dictionary<string, int>", 10), Ret(funcs["WordLengths"]));
        Assert.Contains("dotnet build Geometry.csproj", await Client.LogsAsync("cs-project"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_CompileError_FailsNamingTheFile()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"cs","path":".","scripts":["Good.cs","Broken.cs"]}"""),
            ("Good.cs", "public static class Good { public static int One() => 1; }\n"),
            ("Broken.cs", "public static class Broken\n{\n    public static int Two() => 1 + ;\n}\n"));
        await (await Client.UploadAsync("cs-broken", zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync("cs-broken").Bounded(HubApi.DeployTimeout);

        Assert.InRange((int)response.StatusCode, 400, 599);
        var message = await response.TextAsync();
        Assert.Contains("Broken.cs(3,", message, StringComparison.Ordinal);
        Assert.Contains("CS1525", message, StringComparison.Ordinal);
        Assert.Equal("fail", (await Client.InspectAppAsync("cs-broken"))!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public void DeployToFirstCall_IsReported()
    {
        foreach (var (app, elapsed) in server.DeployToFirstCall)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{app}: deploy to first call {elapsed.TotalMilliseconds:0} ms");
        }
        Assert.Equal(2, server.DeployToFirstCall.Count);
    }

    private async Task<Dictionary<string, JsonElement>> FuncsAsync(string app, string script)
    {
        var deployment = (await Client.InspectAppAsync(app))!.Value;
        var handle = Assert.Single(deployment.GetProperty("packages").GetProperty("cs").EnumerateArray());
        Assert.Equal(script, handle.GetProperty("name").GetString());
        return handle.GetProperty("scope").GetProperty("funcs").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
    }

    // Compared decoded: the server may re-escape the worker's JSON (`<` as \u003C).
    private static (string?, int) Arg(JsonElement func, int index) => TypeOf(func.GetProperty("signature").GetProperty("args")[index]);

    private static (string?, int) Ret(JsonElement func) => TypeOf(func.GetProperty("signature").GetProperty("ret"));

    private static (string?, int) TypeOf(JsonElement typed) =>
        (typed.GetProperty("type").GetProperty("name").GetString(), typed.GetProperty("type").GetProperty("id").GetInt32());
}
