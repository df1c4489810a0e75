using System.Net;
using System.Text.Json;
using Faas.Core.Languages;
using Faas.Core.Pools;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Faas.Server.Tests.Languages;

/// <summary>
/// <c>GET /api/runtimes</c>, language aliases in metacall.json, a runtime that is missing (the server
/// still starts; only the apps needing it fail, naming what to install) and Ruby's memory limit.
/// </summary>
public sealed class RuntimesTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static async Task<JsonElement[]> RuntimesAsync(HttpClient client)
    {
        var response = await client.GetBoundedAsync("/api/runtimes");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return [.. JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.EnumerateArray()];
    }

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task GetRuntimes_EveryLanguage_WithAliasesExtensionsAndVersion()
    {
        var runtimes = (await RuntimesAsync(Client)).ToDictionary(r => r.GetProperty("id").GetString()!);

        Assert.Equal(["node", "py", "rb", "ts", "cs", "lua"], runtimes.Keys);
        Assert.Contains("nodejs", Strings(runtimes["node"], "aliases"));
        Assert.Equal([".js", ".mjs", ".cjs"], Strings(runtimes["node"], "extensions"));
        Assert.Equal(["python", "python3"], Strings(runtimes["py"], "aliases"));
        Assert.StartsWith("v", runtimes["node"].GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Python 3.", runtimes["py"].GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ruby ", runtimes["rb"].GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal(runtimes["node"].GetProperty("version").GetString(), runtimes["ts"].GetProperty("version").GetString());
        foreach (var (id, runtime) in runtimes)
        {
            Assert.True(runtime.GetProperty("available").GetBoolean(), $"{id}: {runtime.GetProperty("error")}");
            Assert.Equal(JsonValueKind.Null, runtime.GetProperty("error").ValueKind);
            Assert.False(string.IsNullOrEmpty(runtime.GetProperty("executable").GetString()));
        }
    }

    [Fact]
    public async Task Deploy_MetacallJsonWithAliases_DeploysUnderTheLanguageIds()
    {
        var zip = TestZip.Create(("index.js", "module.exports = { twice: (x) => 2 * x };"), ("calc.py", "def thrice(x):\n    return 3 * x\n"));
        const string Jsons = """[{"language_id":"nodejs","path":".","scripts":["index.js"]},{"language_id":"python","path":".","scripts":["calc.py"]}]""";

        await Client.DeployZipAsync("aliases", zip, Jsons);

        Assert.Equal("4", await Client.CallOkAsync(server.CallPath("aliases", "twice"), "[2]"));
        Assert.Equal("6", await Client.CallOkAsync(server.CallPath("aliases", "thrice"), "[2]"));
        var packages = (await Client.InspectAppAsync("aliases"))!.Value.GetProperty("packages");
        Assert.Equal(["node", "py"], packages.EnumerateObject().Select(p => p.Name).Where(n => packages.GetProperty(n).GetArrayLength() > 0).Order());
    }

    [Fact]
    public async Task Deploy_UnknownLanguageId_Returns422NamingTheSupportedOnes()
    {
        var zip = TestZip.Create(("metacall.json", """{"language_id":"cobol","path":".","scripts":["main.cob"]}"""), ("main.cob", ""));
        await (await Client.UploadAsync("cobol", zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var body = await (await Client.DeployAsync("cobol").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("there is no worker for its language_id 'cobol' (supported: node (nodejs, javascript, js), py (python, python3)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_RubyOverMemoryLimit_FailsAndASmallCallStillWorks()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"ruby","path":".","scripts":["hog.rb"]}"""),
            ("faas.json", """{"memoryLimitMb":200}"""),
            ("hog.rb", "def hog_mb(n)\n  ('x' * (n * 1024 * 1024)).bytesize\nend\n"));
        await Client.DeployZipAsync("ruby-memory", zip);

        var response = await Client.CallBoundedAsync(server.CallPath("ruby-memory", "hog_mb"), "[1024]");

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, $"status {(int)response.StatusCode}: {await response.TextAsync()}");
        Assert.Equal("1048576", await Client.CallOkAsync(server.CallPath("ruby-memory", "hog_mb"), "[1]"));
    }

    [Fact]
    public async Task Call_CSharpOverMemoryLimit_FailsAndASmallCallStillWorks()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"csharp","path":".","scripts":["Hog.cs"]}"""),
            ("faas.json", """{"memoryLimitMb":256}"""),
            ("Hog.cs", "public static class Hog\n{\n    public static int HogMb(int mb)\n    {\n        var bytes = new byte[mb * 1024 * 1024];\n        System.Array.Fill(bytes, (byte)1);\n        return bytes.Length;\n    }\n}\n"));
        await Client.DeployZipAsync("csharp-memory", zip);

        var response = await Client.CallBoundedAsync(server.CallPath("csharp-memory", "HogMb"), "[1024]");

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, $"status {(int)response.StatusCode}: {await response.TextAsync()}");
        Assert.Equal("1048576", await Client.CallOkAsync(server.CallPath("csharp-memory", "HogMb"), "[1]"));
    }

    [Theory]
    [InlineData("python", 4)]
    [InlineData("py", 4)]
    [InlineData(null, 1)]
    public void PoolSettings_ConcurrencyPerWorkerByIdOrAlias_BindsOverTheLanguageDefault(string? key, int expected)
    {
        var settings = new Dictionary<string, string?>();
        if (key is not null)
        {
            settings[$"Faas:Pools:ConcurrencyPerWorker:{key}"] = "4";
        }
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Faas:Pools").Get<PoolOptions>() ?? new PoolOptions();

        Assert.Equal(expected, options.ConcurrencyFor(LanguageRegistry.Default.Get("py").Info));
        Assert.Equal(options.DefaultConcurrency, options.ConcurrencyFor(LanguageRegistry.Default.Get("node").Info));
    }

    [Fact]
    public async Task Deploy_RuntimeMissing_ServerStartsAndTheAppGets422NamingWhatToInstall()
    {
        await using var factory = new FaasAppFactory();
        using var withoutRuby = factory.WithWebHostBuilder(b => b.UseSetting("Faas:Workers:RubyPath", "/nonexistent/ruby"));
        using var client = await ReadyClientAsync(withoutRuby);

        var ruby = (await RuntimesAsync(client)).Single(r => r.GetProperty("id").GetString() == "rb");
        Assert.False(ruby.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ruby.GetProperty("version").ValueKind);
        Assert.StartsWith("Ruby is not installed: apt-get install ruby ruby-bundler, or set Faas:Workers:RubyPath", ruby.GetProperty("error").GetString(), StringComparison.Ordinal);

        await (await client.UploadAsync("ruby-basic", Samples.Zip("ruby-basic")).Bounded()).ExpectAsync(HttpStatusCode.Created);
        var body = await (await client.DeployAsync("ruby-basic").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Ruby is not installed: apt-get install ruby ruby-bundler", body, StringComparison.Ordinal);
        var inspected = (await client.InspectAppAsync("ruby-basic"))!.Value;
        Assert.Equal("fail", inspected.GetProperty("status").GetString());
        Assert.Contains("Ruby is not installed", inspected.GetProperty("error").GetString(), StringComparison.Ordinal);

        await client.DeployZipAsync("node-beside", TestZip.NodeApp("module.exports = { one: () => 1 };"));
        Assert.Equal("1", await client.CallOkAsync(factory.CallPath("node-beside", "one"), "[]"));
    }

    private static async Task<HttpClient> ReadyClientAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (!(await client.GetAsync("/api/readiness", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, timeout.Token);
        }
        return client;
    }
}
