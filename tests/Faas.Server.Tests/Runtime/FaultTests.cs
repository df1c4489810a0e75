using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Runtime;

/// <summary>
/// What a caller sees when a function crashes, hangs or floods its app, with real Node.js and Python
/// workers; and that another app keeps answering meanwhile.
/// </summary>
public sealed class FaultTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private async Task<string> DeployFaultsAsync(string id, string? faasJson = null)
    {
        await Client.DeployZipAsync(id, faasJson is null ? Samples.Zip("faults") : Samples.ZipWith("faults", ("faas.json", faasJson)));
        return id;
    }

    private async Task<HttpResponseMessage> CallAsync(string app, string function, string json, double? timeoutSeconds = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.CallPath(app, function))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (timeoutSeconds is { } seconds)
        {
            request.Headers.Add("X-Faas-Timeout", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();
    }

    private int[] NodeWorkers(string app) =>
        [.. WorkerProcesses.OfApp(server.DataDirectory, app).Where(w => w.Language == "node").Select(w => w.Pid)];

    [Fact]
    public async Task Call_NodeProcessExits_Returns502WithExitCodeThenRecovers()
    {
        var app = await DeployFaultsAsync("faults-node-exit");

        var response = await CallAsync(app, "exitNow", "[7]");

        var body = await response.ExpectAsync(HttpStatusCode.BadGateway);
        Assert.Contains("exited with code 7", body);
        Assert.Equal("\"HI\"", await Client.CallOkAsync(server.CallPath(app, "shout"), "[\"hi\"]"));
    }

    [Fact]
    public async Task Call_PythonProcessExits_Returns502WithExitCode()
    {
        var app = await DeployFaultsAsync("faults-py-exit");

        var body = await (await CallAsync(app, "die", "[5]")).ExpectAsync(HttpStatusCode.BadGateway);

        Assert.Contains("exited with code 5", body);
        Assert.Equal("3145728", await Client.CallOkAsync(server.CallPath(app, "hog_mb"), "[3]"));
    }

    [Fact]
    public async Task Call_SpinsPastHeaderTimeout_Returns504AndOtherAppsKeepAnswering()
    {
        var app = await DeployFaultsAsync("faults-spin");
        await Client.DeploySampleBoundedAsync("node-sum", "faults-bystander");
        await Client.CallOkAsync(server.CallPath(app, "nodePid"), null);
        // Host pids: the one a function sees is its sandbox's (the same in every worker).
        var before = NodeWorkers(app);

        var spinning = CallAsync(app, "spin", "[]", timeoutSeconds: 1);
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("faults-bystander", "sum"), "[1,2]"));
        var body = await (await spinning).ExpectAsync(HttpStatusCode.GatewayTimeout);

        Assert.Contains("timed out", body);
        await WorkerProcesses.WaitUntilGoneAsync(before);
        await Client.CallOkAsync(server.CallPath(app, "nodePid"), null);
        Assert.NotEmpty(NodeWorkers(app));
        Assert.Empty(NodeWorkers(app).Intersect(before));
    }

    [Fact]
    public async Task Call_NodePromiseNeverSettles_OnlyThatCallTimesOutAndWorkerStays()
    {
        var app = await DeployFaultsAsync("faults-node-never");
        var before = await Client.CallOkAsync(server.CallPath(app, "nodePid"), null);

        var never = CallAsync(app, "never", "[]", timeoutSeconds: 1);
        var naps = Enumerable.Range(0, 5).Select(_ => CallAsync(app, "nap", "[2500]", timeoutSeconds: 20)).ToArray();
        var neverBody = await (await never).ExpectAsync(HttpStatusCode.GatewayTimeout);
        var napBodies = await Task.WhenAll(naps.Select(async n => await (await n).ExpectAsync(HttpStatusCode.OK))).Bounded();

        Assert.Contains("timed out", neverBody);
        Assert.All(napBodies, body => Assert.Equal("2500", body));
        Assert.Equal(before, await Client.CallOkAsync(server.CallPath(app, "nodePid"), null));
        Assert.DoesNotContain("was killed", await Client.LogsAsync(app));
    }

    /// <summary>
    /// One Python worker: the calls sent after the spinning one are queued in its stdin (pipelining);
    /// when it is killed they had not started, so they run on its replacement instead of failing.
    /// </summary>
    [Fact]
    public async Task Call_PythonCallsQueuedBehindTimedOutCall_RunOnReplacementWorker()
    {
        var app = await DeployFaultsAsync("faults-py-pipeline", """{"maxWorkers": 1}""");
        await Client.CallOkAsync(server.CallPath(app, "py_pid"), null);
        // The host's pid: inside the sandbox every worker is pid 2 of its own namespace.
        var worker = Assert.Single(WorkerProcesses.OfApp(server.DataDirectory, app), w => w.Language == "py").Pid;

        var spin = CallAsync(app, "py_spin", "[]", timeoutSeconds: 1);
        await WaitUntilBusyAsync(worker).Bounded();
        var queued = Enumerable.Range(0, 4).Select(_ => CallAsync(app, "py_pid", "[]", timeoutSeconds: 30)).ToArray();
        var spinBody = await (await spin).ExpectAsync(HttpStatusCode.GatewayTimeout);
        await Task.WhenAll(queued.Select(async q => await (await q).ExpectAsync(HttpStatusCode.OK))).Bounded();

        Assert.Contains("timed out", spinBody);
        Assert.False(WorkerProcesses.IsAlive(worker), "the stuck worker should have been killed");
        Assert.DoesNotContain(worker, WorkerProcesses.OfApp(server.DataDirectory, app).Select(w => w.Pid));
        Assert.Contains("sending it to another worker", await Client.LogsAsync(app));
    }

    /// <summary>Waits until <paramref name="pid"/> has used 0.1 s of CPU more than now (it runs a spinning call).</summary>
    private static async Task WaitUntilBusyAsync(int pid)
    {
        static long CpuTicks(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        var start = CpuTicks(pid);
        while (CpuTicks(pid) - start < 10)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Call_PythonLoopPastTimeout_Returns504AndWorkerReplaced()
    {
        var app = await DeployFaultsAsync("faults-py-spin");
        await Client.CallOkAsync(server.CallPath(app, "py_pid"), null);
        var before = WorkerProcesses.OfApp(server.DataDirectory, app).Where(w => w.Language == "py").Select(w => w.Pid).ToArray();
        Assert.NotEmpty(before);

        var body = await (await CallAsync(app, "py_spin", "[]", timeoutSeconds: 0.5)).ExpectAsync(HttpStatusCode.GatewayTimeout);

        Assert.Contains("timed out", body);
        await WorkerProcesses.WaitUntilGoneAsync(before);
        Assert.Equal("0.01", await Client.CallOkAsync(server.CallPath(app, "sleepy"), "[0.01]"));
    }

    [Fact]
    public async Task Call_FloodBeyondQueue_Returns503WithRetryAfter()
    {
        var app = await DeployFaultsAsync("faults-flood", """{"maxWorkers":1,"maxQueuedCalls":2}""");

        var calls = Enumerable.Range(0, 8).Select(_ => CallAsync(app, "sleepy", "[1]")).ToArray();
        var responses = await Task.WhenAll(calls).Bounded();

        var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r => Assert.Equal("1", r.Headers.GetValues("Retry-After").Single()));
        Assert.Contains("{\"error\":", await rejected[0].TextAsync());
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Call_PythonOverMemoryLimit_FailsAndWorkerSurvives()
    {
        var app = await DeployFaultsAsync("faults-memory", """{"memoryLimitMb":300}""");

        var response = await CallAsync(app, "hog_mb", "[1024]");

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, $"status {(int)response.StatusCode}: {await response.TextAsync()}");
        Assert.Equal("1048576", await Client.CallOkAsync(server.CallPath(app, "hog_mb"), "[1]"));
    }

    [Fact]
    public async Task Call_NodeOverMemoryLimit_Returns502()
    {
        var app = await DeployFaultsAsync("faults-node-memory", """{"memoryLimitMb":64}""");

        var body = await (await CallAsync(app, "hog", "[2000]")).ExpectAsync(HttpStatusCode.BadGateway);

        Assert.Contains("exited with code", body);
    }

    [Fact]
    public async Task Workers_KeepCrashingOnStart_AppGoesToFailAndRedeployClearsIt()
    {
        var app = await DeployFaultsAsync("faults-start", """{"idleTimeoutSeconds":3600}""");
        var marker = Path.Combine(server.DataDirectory, "apps", app, "v1", "crash-on-start");
        File.WriteAllText(marker, "");

        await (await CallAsync(app, "exitNow", "[1]")).ExpectAsync(HttpStatusCode.BadGateway);
        var failed = await CallAsync(app, "shout", "[\"x\"]");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var inspect = await (await Client.GetBoundedAsync("/api/inspect")).TextAsync();
        Assert.Contains($"\"status\":\"fail\",\"prefix\":\"{server.Factory.Prefix}\",\"suffix\":\"{app}\"", inspect);
        Assert.Contains("refusing to start", await Client.LogsAsync(app));

        (await Client.DeployAsync(app)).EnsureSuccessStatusCode();
        Assert.Equal("\"X\"", await Client.CallOkAsync(server.CallPath(app, "shout", "latest"), "[\"x\"]"));
    }
}
