using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>
/// The reference's hello and counter handlers (samples/lua-hello, samples/lua-counter, shown in docs/services.md)
/// called as <c>handler(ctx, event)</c> through the Hub call route, the counter surviving a restart.
/// </summary>
public sealed class LuaExamplesTests
{
    private static string HandlerArgs(string query) =>
        $$"""[{"executionId":"ex_test","functionId":"app","version":"v1"},{"method":"GET","path":"/fn/app","query":{{query}},"headers":{},"body":""}]""";

    [Fact]
    public async Task Hello_WithAName_GreetsIt()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeploySampleBoundedAsync("lua-hello");

        var response = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("lua-hello", "handler"), HandlerArgs("""{"name":"Ada"}"""))).RootElement;
        var fallback = JsonDocument.Parse(await client.CallOkAsync(factory.CallPath("lua-hello", "handler"), HandlerArgs("{}"))).RootElement;

        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", response.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("""{"message":"Hello, Ada!"}""", response.GetProperty("body").GetString());
        Assert.Equal("""{"message":"Hello, World!"}""", fallback.GetProperty("body").GetString());
        await client.WaitForLogAsync("lua-hello", "INFO Saying hello to Ada");
    }

    [Fact]
    public async Task Counter_CountsInKv_AndKeepsCountingAfterARestart()
    {
        var first = new FaasAppFactory();
        await using var second = first.Restarted();
        await using (first)
        {
            var client = await first.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
            await client.DeploySampleBoundedAsync("lua-counter");
            for (var i = 1; i <= 2; i++)
            {
                var reply = JsonDocument.Parse(await client.CallOkAsync(first.CallPath("lua-counter", "handler"), HandlerArgs("{}"))).RootElement;
                Assert.Equal($"count: {i}", reply.GetProperty("body").GetString());
            }
        }

        var restarted = await second.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        var after = JsonDocument.Parse(await restarted.CallOkAsync(second.CallPath("lua-counter", "handler"), HandlerArgs("{}"))).RootElement;

        Assert.Equal("count: 3", after.GetProperty("body").GetString());
        Assert.Equal("3", await (await restarted.GetBoundedAsync("/api/apps/lua-counter/kv/counter")).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_PastTheMemoryLimit_FailsWithoutTakingTheServerDown()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Pools:MemoryLimitMb"] = "64";
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("lua-hog", TestZip.Create(("main.lua", """
            function hog()
              local t = {}
              for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end
              return #t
            end
            function ok() return "ok" end
            """)));

        var response = await client.CallBoundedAsync(factory.CallPath("lua-hog", "hog"), "[]");

        var body = await response.TextAsync();
        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, body);
        Assert.Contains("memory", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("\"ok\"", await client.CallOkAsync(factory.CallPath("lua-hog", "ok"), "[]"));
    }

    [Fact]
    public void Docs_ShowTheSamplesAsTheyAre()
    {
        var docs = File.ReadAllText(Path.Combine(Samples.Root, "..", "docs", "services.md"));
        foreach (var sample in new[] { "lua-hello/hello.lua", "lua-counter/counter.lua" })
        {
            Assert.Contains(File.ReadAllText(Samples.PathOf(sample)).Trim(), docs, StringComparison.Ordinal);
        }
    }
}
