using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Deployments;

/// <summary>Immutable versions: a deploy makes the next one, <c>latest</c> follows the active one, pinned routes stay, rollback.</summary>
public sealed class VersionTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static byte[] Returning(string value) => TestZip.NodeApp($"module.exports = {{ which: () => '{value}' }};");

    private async Task<string> WhichAsync(string app, string version) =>
        await Client.CallOkAsync(server.CallPath(app, "which", version), null);

    [Fact]
    public async Task PutApp_NewCode_MakesV2ThatLatestReachesWhileV1StaysPinned()
    {
        await Client.DeployZipAsync("ver-put", Returning("one"));

        var body = await (await Client.PutAppAsync("ver-put", Returning("two")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("v2", JsonDocument.Parse(body).RootElement.GetProperty("version").GetString());
        Assert.Equal("\"one\"", await WhichAsync("ver-put", "v1"));
        Assert.Equal("\"two\"", await WhichAsync("ver-put", "v2"));
        Assert.Equal("\"two\"", await WhichAsync("ver-put", "latest"));
        var missing = await Client.CallBoundedAsync(server.CallPath("ver-put", "which", "v3"), null);
        Assert.Contains("no version 'v3'", await missing.ExpectAsync(HttpStatusCode.NotFound));
        var inspect = (await Client.InspectAppAsync("ver-put"))!.Value;
        Assert.Equal("v2", inspect.GetProperty("version").GetString());
        var versions = inspect.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["v2", "v1"], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.True(versions[0].GetProperty("active").GetBoolean());
        Assert.NotEqual(versions[0].GetProperty("hash").GetString(), versions[1].GetProperty("hash").GetString());
    }

    [Fact]
    public async Task PutApp_UnknownApp_CreatesItAsV1()
    {
        var body = await (await Client.PutAppAsync("ver-new", Returning("fresh"), """{"WHO":"me"}""").Bounded(HubApi.DeployTimeout))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("v1", JsonDocument.Parse(body).RootElement.GetProperty("version").GetString());
        Assert.Equal("\"fresh\"", await WhichAsync("ver-new", "v1"));
    }

    [Fact]
    public async Task Rollback_ToKeptVersion_LatestServesItAtOnce()
    {
        await Client.DeployZipAsync("ver-back", Returning("one"));
        await (await Client.PutAppAsync("ver-back", Returning("two")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);

        var body = await (await Client.PostAsJsonAsync("/api/deploy/rollback", new { suffix = "ver-back", version = "v1" }, TestContext.Current.CancellationToken).Bounded())
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("v1", JsonDocument.Parse(body).RootElement.GetProperty("version").GetString());
        Assert.Equal("\"one\"", await WhichAsync("ver-back", "latest"));
        Assert.Equal("v1", (await Client.InspectAppAsync("ver-back"))!.Value.GetProperty("version").GetString());
        Assert.DoesNotContain("npm install", await Client.LogsAsync("ver-back"));
        var unknown = await Client.PostAsJsonAsync("/api/deploy/rollback", new { suffix = "ver-back", version = "v7" }, TestContext.Current.CancellationToken).Bounded();
        Assert.Contains("no version 'v7'", await unknown.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task PutApp_SyntaxError_PreviousVersionKeepsServing()
    {
        await Client.DeployZipAsync("ver-bad", Returning("one"));

        var response = await Client.PutAppAsync("ver-bad", TestZip.NodeApp("module.exports = { which: () => 'two' ")).Bounded(HubApi.DeployTimeout);

        Assert.Contains("failed", await response.ExpectAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal("\"one\"", await WhichAsync("ver-bad", "latest"));
        var inspect = (await Client.InspectAppAsync("ver-bad"))!.Value;
        Assert.Equal("ready", inspect.GetProperty("status").GetString());
        Assert.Equal("v1", inspect.GetProperty("version").GetString());
        Assert.Equal("v2", inspect.GetProperty("lastFailure").GetProperty("version").GetString());
        Assert.Contains("SyntaxError", inspect.GetProperty("lastFailure").GetProperty("error").GetString());
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "ver-bad", "v2")));
    }

    [Fact]
    public async Task PutApp_FailingInstall_PreviousVersionKeepsServing()
    {
        await Client.DeployZipAsync("ver-npm", Returning("one"));
        var broken = TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = { which: () => 'two' };"),
            ("package.json", """{"name":"x","version":"1.0.0","scripts":{"postinstall":"echo cannot build this >&2; exit 3"}}"""));

        var response = await Client.PutAppAsync("ver-npm", broken).Bounded(HubApi.DeployTimeout);

        Assert.Contains("npm install", await response.ExpectAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal("\"one\"", await WhichAsync("ver-npm", "latest"));
        Assert.Equal("ready", (await Client.InspectAppAsync("ver-npm"))!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Redeploy_CallsInFlight_AllSucceed()
    {
        var slow = "module.exports = { which: async () => { await new Promise(r => setTimeout(r, 20)); return '{0}'; } };";
        await Client.DeployZipAsync("ver-flight", TestZip.NodeApp(slow.Replace("{0}", "one")));
        using var stop = new CancellationTokenSource();
        var answers = new List<(HttpStatusCode Status, string Body)>();
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await Client.CallBoundedAsync(server.CallPath("ver-flight", "which", "latest"), null);
                var text = await response.TextAsync();
                lock (answers)
                {
                    answers.Add((response.StatusCode, text));
                }
            }
        }, TestContext.Current.CancellationToken)).ToList();

        await (await Client.PutAppAsync("ver-flight", TestZip.NodeApp(slow.Replace("{0}", "two"))).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        await Client.CallOkAsync(server.CallPath("ver-flight", "which", "latest"), null);
        await stop.CancelAsync();
        await Task.WhenAll(callers).Bounded();

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK && a.Body is "\"one\"" or "\"two\"", $"{(int)a.Status} {a.Body}"));
        Assert.Contains(answers, a => a.Body == "\"one\"");
        Assert.Equal("\"two\"", await WhichAsync("ver-flight", "latest"));
    }

    [Fact]
    public async Task Deploy_ClientHangsUp_DeployStillCompletes()
    {
        await Client.DeployZipAsync("ver-hangup", Returning("one"));
        // An install that takes a second: the client gives up long before the deploy ends.
        var slow = TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = { which: () => 'two' };"),
            ("package.json", """{"name":"slow","version":"1.0.0","scripts":{"postinstall":"sleep 1"}}"""));
        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.SendPutAppAsync("ver-hangup", slow, null, hangUp.Token));

        using var timeout = new CancellationTokenSource(HubApi.DeployTimeout);
        while ((await Client.InspectAppAsync("ver-hangup"))!.Value.GetProperty("version").GetString() != "v2")
        {
            await Task.Delay(50, timeout.Token);
        }
        Assert.Equal("\"two\"", await WhichAsync("ver-hangup", "latest"));
    }

    [Fact]
    public async Task BillingDeploys_ListsEachDeployedApp()
    {
        await Client.DeployZipAsync("ver-billing", Returning("one"));

        var list = JsonDocument.Parse(await (await Client.GetBoundedAsync("/api/billing/list-subscriptions-deploys")).ExpectAsync(HttpStatusCode.OK)).RootElement;

        var entry = Assert.Single(list.EnumerateArray(), e => e.GetProperty("deploy").GetString() == "ver-billing");
        Assert.Equal("ver-billing", entry.GetProperty("id").GetString());
        Assert.Equal("Essential", entry.GetProperty("plan").GetString());
        Assert.True(entry.GetProperty("date").GetInt64() > 0);
    }

    [Fact]
    public async Task Retention_PastKeptCount_RemovesOldestVersionWithItsFiles()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Storage:KeepVersions"] = "2";
        using var client = await factory.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), TestContext.Current.CancellationToken);
        await client.DeployZipAsync("ver-keep", Returning("one"));
        await (await client.PutAppAsync("ver-keep", Returning("two")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PutAppAsync("ver-keep", Returning("three")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);

        var versions = (await client.InspectAppAsync("ver-keep"))!.Value.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString());

        Assert.Equal(["v3", "v2"], versions);
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "apps", "ver-keep", "v1")));
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "state", "ver-keep", "v1")));
        await (await client.CallBoundedAsync(factory.CallPath("ver-keep", "which", "v1"), null)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("\"two\"", await client.CallOkAsync(factory.CallPath("ver-keep", "which", "v2"), null));
    }

    [Fact]
    public async Task Restart_AfterFailedRedeploy_BringsBackPreviousVersionWithItsEnv()
    {
        await using var factory = new FaasAppFactory();
        using (var client = await factory.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), TestContext.Current.CancellationToken))
        {
            await client.DeploySampleBoundedAsync("node-env", "ver-restart", new[] { new { name = "GREETING", value = "first" } });
            var broken = await client.PutAppAsync("ver-restart", TestZip.NodeApp("throw new Error('broken on load');"), """{"GREETING":"second"}""").Bounded(HubApi.DeployTimeout);
            await broken.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        }
        await using var restarted = factory.Restarted();
        await factory.DisposeAsync();
        using var again = await restarted.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), TestContext.Current.CancellationToken);

        Assert.Equal("\"first, world\"", await again.CallOkAsync(restarted.CallPath("ver-restart", "greeting", "latest"), null));
        var inspect = (await again.InspectAppAsync("ver-restart"))!.Value;
        Assert.Equal("ready", inspect.GetProperty("status").GetString());
        Assert.Equal("v2", inspect.GetProperty("lastFailure").GetProperty("version").GetString());
    }
}
