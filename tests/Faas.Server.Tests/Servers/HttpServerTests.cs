using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>HTTP-server apps (real Node.js and Python servers) behind <c>/invoke/{app}</c>.</summary>
public sealed class HttpServerTests(FaasServerFixture fixture) : IClassFixture<FaasServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Health_Get_AnswersOk()
    {
        var text = await (await Client.GetBoundedAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Faas OK", text);
    }

    [Fact]
    public async Task NodeServer_SubPathAndQuery_ReachTheServer()
    {
        var deployed = await Client.DeployServerAsync("srv-node-path", Samples.Zip("node-server"));
        Assert.Contains("\"v1\"", deployed, StringComparison.Ordinal);

        var root = await Client.GetJsonAsync("/invoke/srv-node-path");
        Assert.Equal("/", root.GetProperty("path").GetString());
        Assert.Equal("/invoke/srv-node-path", root.GetProperty("forwardedPrefix").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Put, "/invoke/srv-node-path/a/b%20c?x=1&name=two%20words");
        request.Headers.Add("X-Custom", "kept");
        var answer = JsonDocument.Parse(await (await Client.SendAsync(request, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK)).RootElement;
        Assert.Equal("PUT", answer.GetProperty("method").GetString());
        Assert.Equal("/a/b%20c", answer.GetProperty("path").GetString());
        Assert.Equal("1", answer.GetProperty("query").GetProperty("x").GetString());
        Assert.Equal("two words", answer.GetProperty("query").GetProperty("name").GetString());
        Assert.Equal("kept", answer.GetProperty("custom").GetString());
    }

    [Fact]
    public async Task NodeServer_BodyOfMegabytes_StreamedThrough()
    {
        await Client.DeployServerAsync("srv-node-body", Samples.Zip("node-server"));
        var body = new byte[5 * 1024 * 1024 + 17];
        new Random(7).NextBytes(body);
        using var content = new StreamContent(new MemoryStream(body));
        var text = await (await Client.PostAsync("/invoke/srv-node-body/upload", content, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(body.Length, answer.GetProperty("bytes").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), answer.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task PythonServer_HttpServer_AnswersWithPathAndQuery()
    {
        await Client.DeployServerAsync("srv-python", Samples.Zip("python-server"));
        var answer = await Client.GetJsonAsync("/invoke/srv-python/items/3?sort=asc");
        Assert.Equal("Hello from a Python server", answer.GetProperty("message").GetString());
        Assert.Equal("/items/3", answer.GetProperty("path").GetString());
        Assert.Equal("asc", answer.GetProperty("query").GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Deploy_FaasJsonSaysServer_IsServerWithoutHint()
    {
        await Client.DeployServerAsync("srv-faasjson", Samples.ZipWith("node-server", ("faas.json", """{"server": true}""")), kind: null);
        var answer = await Client.GetJsonAsync("/invoke/srv-faasjson");
        Assert.Equal("Hello from a Node.js server", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_FunctionsAppOrUnknownApp_NotFoundWithReason()
    {
        await Client.DeployServerAsync("srv-functions", Samples.Zip("node-sum"), kind: null);
        var text = await (await Client.GetBoundedAsync("/invoke/srv-functions")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("is not an HTTP server", text, StringComparison.Ordinal);
        text = await (await Client.GetBoundedAsync("/invoke/srv-nobody/x")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("no app named 'srv-nobody'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_BadKind_BadRequest()
    {
        var response = await Client.SendPutAsync("srv-badkind", Samples.Zip("node-server"), "daemon", null).Bounded();
        var text = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("kind must be", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crash_ServerExits_RestartedWithNewProcess()
    {
        await Client.DeployServerAsync("srv-crash", Samples.Zip("node-server"));
        var before = (await Client.GetJsonAsync("/invoke/srv-crash")).GetProperty("pid").GetInt32();
        await (await Client.GetBoundedAsync("/invoke/srv-crash/crash")).ExpectAsync(HttpStatusCode.OK);
        await Client.WaitForLogAsync("srv-crash", "exited with code 3");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        int after;
        while (true)
        {
            // Until the supervisor notices the exit, a request may still be sent to the dead port (502).
            var response = await Client.GetAsync("/invoke/srv-crash", timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                after = JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("pid").GetInt32();
                if (after != before)
                {
                    break;
                }
            }
            await Task.Delay(20, timeout.Token);
        }
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Redeploy_UnderSteadyTraffic_NoFailedRequest()
    {
        await Client.DeployServerAsync("srv-redeploy", Samples.Zip("node-server"), env: """{"GREETING":"One"}""");
        var oldPid = (await Client.GetJsonAsync("/invoke/srv-redeploy")).GetProperty("pid").GetInt32();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var failures = new List<string>();
        var greetings = new HashSet<string>();
        var requests = 0;
        async Task TrafficAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await Client.GetAsync("/invoke/srv-redeploy/steady", CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                lock (failures)
                {
                    requests++;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{(int)response.StatusCode}: {text}");
                    }
                    else
                    {
                        greetings.Add(JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()!);
                    }
                }
            }
        }
        var traffic = Enumerable.Range(0, 4).Select(_ => Task.Run(TrafficAsync, CancellationToken.None)).ToList();
        var deployed = await Client.DeployServerAsync("srv-redeploy", Samples.Zip("node-server"), env: """{"GREETING":"Two"}""");
        Assert.Contains("\"v2\"", deployed, StringComparison.Ordinal);
        // Keep the traffic up a little after the switch, until the new version has answered.
        using var seen = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        seen.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            lock (failures)
            {
                if (greetings.Contains("Two from a Node.js server"))
                {
                    break;
                }
            }
            await Task.Delay(20, seen.Token);
        }
        await stop.CancelAsync();
        await Task.WhenAll(traffic).Bounded();
        Assert.Empty(failures);
        Assert.Contains("One from a Node.js server", greetings);
        Assert.True(requests > 10, $"only {requests} requests were sent");
        // The old version's process stops once its requests are done.
        await OsProcesses.WaitUntilGoneAsync([oldPid], TimeSpan.FromSeconds(20)).Bounded();
    }

    [Fact]
    public async Task Deploy_ServerExitsAtStart_FailsWithItsOutput()
    {
        var zip = TestZip.Create(("faas.json", """{"server": true}"""), ("package.json", """{"main":"index.js"}"""),
            ("index.js", "console.error('no database configured'); process.exit(4);"));
        var text = await (await Client.SendPutAsync("srv-exits", zip, null, null).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("exited with code 4 before it answered HTTP", text, StringComparison.Ordinal);
        Assert.Contains("no database configured", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ServerApp_StopsItsProcess()
    {
        await Client.DeployServerAsync("srv-delete", Samples.Zip("node-server"));
        var pid = (await Client.GetJsonAsync("/invoke/srv-delete")).GetProperty("pid").GetInt32();
        await (await Client.DeleteAppAsync(fixture.Factory.Prefix, "srv-delete")).ExpectAsync(HttpStatusCode.OK);
        await OsProcesses.WaitUntilGoneAsync([pid], TimeSpan.FromSeconds(20)).Bounded();
        await (await Client.GetBoundedAsync("/invoke/srv-delete")).ExpectAsync(HttpStatusCode.NotFound);
    }
}
