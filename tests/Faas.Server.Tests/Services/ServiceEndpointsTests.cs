using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Services;

/// <summary>The env and KV routes (<c>/api/apps/{app}/env</c>, <c>/api/apps/{app}/kv</c>) against real workers.</summary>
public sealed class ServiceEndpointsTests
{
    private const string KvApp = """
        function kv_get(key) return kv.get(key) end
        function kv_keys(prefix) return kv.list(prefix) end
        function env_get(name) return env.get(name) end
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpClient> StartAsync(FaasAppFactory factory, params string[] apps)
    {
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        foreach (var app in apps)
        {
            await client.DeployZipAsync(app, TestZip.Create(("main.lua", KvApp)), env: new[] { new { name = "GREETING", value = "hi" } });
        }
        return client;
    }

    private static Task<HttpResponseMessage> PutTextAsync(HttpClient client, string path, string body, string type = "text/plain") =>
        client.PutAsync(path, new StringContent(body, Encoding.UTF8, type), Ct).Bounded();

    [Fact]
    public async Task Kv_PutGetListDelete_ThroughTheApiAndTheFunction()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "kv-a");

        await (await PutTextAsync(client, "/api/apps/kv-a/kv/user:1", "héllo\nworld")).ExpectAsync(HttpStatusCode.NoContent);
        await (await PutTextAsync(client, "/api/apps/kv-a/kv/user:2", "{\"a\":1}", "application/json")).ExpectAsync(HttpStatusCode.NoContent);
        await (await PutTextAsync(client, "/api/apps/kv-a/kv/other", "x")).ExpectAsync(HttpStatusCode.NoContent);

        var get = await client.GetBoundedAsync("/api/apps/kv-a/kv/user:1");
        Assert.Equal("héllo\nworld", await get.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"héllo\\nworld\"", await client.CallOkAsync(factory.CallPath("kv-a", "kv_get"), """["user:1"]"""));
        Assert.Equal("""["user:1","user:2"]""", await client.CallOkAsync(factory.CallPath("kv-a", "kv_keys"), """["user:"]"""));

        var list = JsonDocument.Parse(await (await client.GetBoundedAsync("/api/apps/kv-a/kv?prefix=user:&limit=1&offset=1")).ExpectAsync(HttpStatusCode.OK)).RootElement;
        Assert.Equal(["user:2"], list.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("""{"total":2,"limit":1,"offset":1}""", list.GetProperty("pagination").GetRawText());
        var all = JsonDocument.Parse(await (await client.GetBoundedAsync("/api/apps/kv-a/kv")).ExpectAsync(HttpStatusCode.OK)).RootElement;
        Assert.Equal(3, all.GetProperty("keys").GetArrayLength());
        Assert.Equal(20, all.GetProperty("pagination").GetProperty("limit").GetInt32());

        await (await client.DeleteAsync("/api/apps/kv-a/kv/user:1", Ct).Bounded()).ExpectAsync(HttpStatusCode.NoContent);
        var gone = await (await client.DeleteAsync("/api/apps/kv-a/kv/user:1", Ct).Bounded()).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("\"error\"", gone, StringComparison.Ordinal);
        await (await client.GetBoundedAsync("/api/apps/kv-a/kv/user:1")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("", await client.CallOkAsync(factory.CallPath("kv-a", "kv_get"), """["user:1"]"""));
    }

    [Fact]
    public async Task Kv_TwoApps_SeeOnlyTheirOwnKeys()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "iso-a", "iso-b");
        await (await PutTextAsync(client, "/api/apps/iso-a/kv/secret", "a's")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal("\"a's\"", await client.CallOkAsync(factory.CallPath("iso-a", "kv_get"), """["secret"]"""));
        Assert.Equal("", await client.CallOkAsync(factory.CallPath("iso-b", "kv_get"), """["secret"]"""));
        Assert.Equal("[]", await client.CallOkAsync(factory.CallPath("iso-b", "kv_keys"), """[""]"""));
        await (await client.GetBoundedAsync("/api/apps/iso-b/kv/secret")).ExpectAsync(HttpStatusCode.NotFound);
        var list = JsonDocument.Parse(await (await client.GetBoundedAsync("/api/apps/iso-b/kv")).ExpectAsync(HttpStatusCode.OK)).RootElement;
        Assert.Equal("[]", list.GetProperty("keys").GetRawText());
    }

    [Fact]
    public async Task Kv_BadInput_AnswersJsonErrorsWithTruthfulStatuses()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Services:KvMaxBytesPerApp"] = "2000";
        var client = await StartAsync(factory, "kv-bad");

        Assert.Contains("\"error\"", await (await client.GetBoundedAsync("/api/apps/no-such-app/kv")).ExpectAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        await (await PutTextAsync(client, "/api/apps/no-such-app/kv/k", "v")).ExpectAsync(HttpStatusCode.NotFound);
        await (await PutTextAsync(client, "/api/apps/kv-bad/kv/" + new string('k', 513), "v")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await PutTextAsync(client, "/api/apps/kv-bad/kv/big", new string('v', 1500))).ExpectAsync(HttpStatusCode.NoContent);
        var quota = await (await PutTextAsync(client, "/api/apps/kv-bad/kv/more", new string('v', 600))).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("KvMaxBytesPerApp", quota, StringComparison.Ordinal);
        // Replacing a value counts its new size only.
        await (await PutTextAsync(client, "/api/apps/kv-bad/kv/big", new string('w', 1900))).ExpectAsync(HttpStatusCode.NoContent);
        var binary = new ByteArrayContent([0xff, 0xfe, 0x00]);
        binary.Headers.ContentType = new("application/octet-stream");
        await (await client.PutAsync("/api/apps/kv-bad/kv/bin", binary, Ct).Bounded()).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BrowserGuard_LetsARawKvValueThrough_ButNotATextEnv()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        // Past the guard: the route itself answers (no such app), not 415.
        Assert.Contains("\"error\"", await (await PutTextAsync(client, "/api/apps/no-app/kv/a/b", "v")).ExpectAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        await (await PutTextAsync(client, "/api/apps/no-app/env", "{}")).ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        await (await PutTextAsync(client, "/api/apps/no-app/kv", "v")).ExpectAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Kv_ValueOverOneMebibyte_Returns413()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "kv-large");
        await (await PutTextAsync(client, "/api/apps/kv-large/kv/k", new string('v', 1024 * 1024 + 1))).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await PutTextAsync(client, "/api/apps/kv-large/kv/k", new string('v', 1024 * 1024))).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Env_PutReplacesTheWholeEnv_FunctionsSeeItAtOnce()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "env-a");

        Assert.Equal("""{"GREETING":"hi"}""", await (await client.GetBoundedAsync("/api/apps/env-a/env")).ExpectAsync(HttpStatusCode.OK));
        var put = await client.PutAsJsonAsync("/api/apps/env-a/env", new Dictionary<string, string> { ["NEW"] = "x", ["TOKEN"] = "s3cr3t" }, Ct).Bounded();
        Assert.Equal("""{"NEW":"x","TOKEN":"s3cr3t"}""", await put.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("", await client.CallOkAsync(factory.CallPath("env-a", "env_get"), """["GREETING"]"""));
        Assert.Equal("\"x\"", await client.CallOkAsync(factory.CallPath("env-a", "env_get"), """["NEW"]"""));
        Assert.DoesNotContain("s3cr3t", await client.LogsAsync("env-a"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_BadBodies_Return400AndUnknownApp404()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "env-bad");
        foreach (var body in new[] { "[1]", "{\"A\":1}", "{\"BAD NAME\":\"x\"}", "not json" })
        {
            var response = await client.PutAsync("/api/apps/env-bad/env", new StringContent(body, Encoding.UTF8, "application/json"), Ct).Bounded();
            Assert.Contains("\"error\"", await response.ExpectAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }
        await (await client.GetBoundedAsync("/api/apps/no-such-app/env")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("""{"GREETING":"hi"}""", await (await client.GetBoundedAsync("/api/apps/env-bad/env")).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Env_Put_RestartsTheWorkersWithTheNewProcessEnv()
    {
        await using var factory = new FaasAppFactory();
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeploySampleBoundedAsync("python-env", "env-py", new[] { new { name = "SECRET", value = "first" } });
        Assert.Equal("\"first\"", await client.CallOkAsync(factory.CallPath("env-py", "env"), """["SECRET"]"""));

        await (await client.PutAsJsonAsync("/api/apps/env-py/env", new Dictionary<string, string> { ["SECRET"] = "rotated" }, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("\"rotated\"", await client.CallOkAsync(factory.CallPath("env-py", "env"), """["SECRET"]"""));
    }

    [Fact]
    public async Task EnvAndKv_OfADeletedApp_AreGoneWhenItComesBack()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "gone");
        await (await PutTextAsync(client, "/api/apps/gone/kv/k", "v")).ExpectAsync(HttpStatusCode.NoContent);
        await (await client.PutAsJsonAsync("/api/apps/gone/env", new Dictionary<string, string> { ["ONLY"] = "1" }, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK);
        await (await client.DeleteAppAsync(factory.Prefix, "gone")).ExpectAsync(HttpStatusCode.OK);

        await client.DeployZipAsync("gone", TestZip.Create(("main.lua", KvApp)));

        Assert.Equal("", await client.CallOkAsync(factory.CallPath("gone", "kv_get"), """["k"]"""));
        Assert.Equal("{}", await (await client.GetBoundedAsync("/api/apps/gone/env")).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Env_ChangedThroughTheApi_SurvivesARedeployThatAddsVariables()
    {
        await using var factory = new FaasAppFactory();
        var client = await StartAsync(factory, "env-redeploy");
        await (await client.PutAsJsonAsync("/api/apps/env-redeploy/env", new Dictionary<string, string> { ["KEPT"] = "1" }, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK);

        await (await client.DeployAsync("env-redeploy", new[] { new { name = "ADDED", value = "2" } }).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("""{"ADDED":"2","KEPT":"1"}""", await (await client.GetBoundedAsync("/api/apps/env-redeploy/env")).ExpectAsync(HttpStatusCode.OK));
    }
}
