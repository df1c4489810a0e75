using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Contract;

/// <summary>
/// The contract every language's worker meets, run through the real server against each one: the
/// same app (<c>samples/contract/&lt;lang&gt;</c>, deployed once per language as
/// <c>contract-&lt;lang&gt;</c>) must answer the same calls the same way. JSON results are relayed
/// byte for byte, errors become 500 with their message, stdout goes to the app log, many calls can
/// be in flight, a worker that exits gives 502 and is replaced, and a call that spins past its
/// timeout gives 504, is stopped, and the app keeps answering.
/// </summary>
public sealed class WorkerContractTests(WorkerContractTests.Fixture server) : IClassFixture<WorkerContractTests.Fixture>
{
    /// <summary>One server; each language's contract app deployed on first use, once.</summary>
    public sealed class Fixture : FaasServerFixture
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, Exception?> _deployed = [];

        /// <summary>The app name of <paramref name="language"/>'s contract app, deploying it the first time.</summary>
        public async Task<string> AppAsync(string language)
        {
            var app = $"contract-{language}";
            await _gate.WaitAsync(TestContext.Current.CancellationToken).Bounded(HubApi.DeployTimeout);
            try
            {
                if (!_deployed.TryGetValue(language, out var failure))
                {
                    try
                    {
                        await Client.DeploySampleBoundedAsync($"contract/{language}", app);
                        failure = null;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failure = e;
                    }
                    _deployed[language] = failure;
                }
                // A failed deploy fails every clause of that language, without deploying again.
                return failure is null ? app : throw new InvalidOperationException($"The {language} contract app did not deploy: {failure.Message}", failure);
            }
            finally
            {
                _gate.Release();
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _gate.Dispose();
        }
    }

    /// <summary>How long an app may take to answer again after its worker crashed or was killed.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long a call that timed out may keep running (the server pings the worker for 1 s, then kills it).</summary>
    private static readonly TimeSpan RunawayTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Values whose JSON every language writes back exactly as received: compact, non-ASCII as raw
    /// UTF-8, only <c>"</c>, <c>\</c> and control characters escaped (lower-case hex), numbers that
    /// are exact in a double and in their shortest form.
    /// </summary>
    private static readonly string[] EchoValues =
    [
        "\"<html><b>bold</b> & 'quoted' \\\"x\\\" </script></html>\"",
        "\"héllo wörld, 日本語, ✓ Ω\"",
        "\"emoji 😀 𝄞\"",
        "\"line one\\nline two\\ttab \\\\ back\"",
        "\"ctl \\u0001 \\u001f\"",
        "\"\"",
        """{"a":[1,2,{"b":null}],"c":{"d":true,"e":false},"f":"x","g":[],"h":{}}""",
        """[[],{},[1,[2,[3]]],"s",null]""",
        "0",
        "-7",
        "3.25",
        "0.1",
        "1234567890123",
        "true",
        "false",
    ];

    private HttpClient Client => server.Client;

    private static ITestOutputHelper? Output => TestContext.Current.TestOutputHelper;

    private async Task<HttpResponseMessage> CallAsync(string app, string function, string? json, double? timeoutSeconds = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.CallPath(app, function));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (timeoutSeconds is { } seconds)
        {
            request.Headers.Add("X-Faas-Timeout", seconds.ToString(CultureInfo.InvariantCulture));
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();
    }

    private async Task<string> CallOkAsync(string app, string function, string? json) =>
        await (await CallAsync(app, function, json)).ExpectAsync(HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Echo_JsonValues_RoundTripByteForByte(string language)
    {
        var app = await server.AppAsync(language);
        var mismatches = new List<string>();

        foreach (var value in EchoValues)
        {
            var result = await CallOkAsync(app, "echo", $"[{value}]");
            if (result != value)
            {
                mismatches.Add($"sent {value}, got {result}");
            }
        }
        var none = await CallAsync(app, "echo", "[null]");

        Assert.True(mismatches.Count == 0, $"{language}: echo did not return its argument byte for byte:\n{string.Join('\n', mismatches)}");
        Assert.Equal("", await none.ExpectAsync(HttpStatusCode.OK));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Add_PositionalAndNamedArguments_Work(string language)
    {
        var app = await server.AppAsync(language);

        Assert.Equal("5", await CallOkAsync(app, "add", "[2,3]"));
        Assert.Equal("5", await CallOkAsync(app, "add", """{"a":2,"b":3}"""));
        Assert.Equal("-1", await CallOkAsync(app, "add", """{"b":3,"a":-4}"""));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Fails_Throws_Returns500WithMessage(string language)
    {
        var app = await server.AppAsync(language);
        const string Message = "contract failure: <nope> ünïcode \"quoted\"";

        var body = await (await CallAsync(app, "fails", JsonSerializer.Serialize(new[] { Message }))).ExpectAsync(HttpStatusCode.InternalServerError);

        using var error = JsonDocument.Parse(body);
        Assert.Contains(Message, error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Shout_PrintsToStdout_GoesToLogsNotToResult(string language)
    {
        var app = await server.AppAsync(language);

        var result = await CallOkAsync(app, "shout", """["hi"]""");

        Assert.Equal("\"hi\"", result);
        await Client.WaitForLogAsync(app, "contract-stdout:hi").Bounded();
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task NapMs_ManyCallsInFlight_AllAnswer(string language)
    {
        var app = await server.AppAsync(language);

        var calls = Enumerable.Range(0, 20).Select(_ => CallOkAsync(app, "napMs", "[300]")).ToArray();
        var results = await Task.WhenAll(calls).Bounded();

        Assert.All(results, result => Assert.Equal("300", result));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task ExitWith_WorkerCrashes_Returns502WithExitCodeThenRecovers(string language)
    {
        var app = await server.AppAsync(language);

        var body = await (await CallAsync(app, "exitWith", "[3]")).ExpectAsync(HttpStatusCode.BadGateway);

        Assert.Contains("exited with code 3", body, StringComparison.Ordinal);
        Assert.Equal("5", await CallOkAsync(app, "add", "[2,3]").Bounded(RecoveryTimeout));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Spin_PastTimeout_Returns504ThenRecovers(string language)
    {
        var app = await server.AppAsync(language);

        var body = await (await CallAsync(app, "spin", "[]", timeoutSeconds: 1)).ExpectAsync(HttpStatusCode.GatewayTimeout);

        Assert.Contains("timed out", body, StringComparison.Ordinal);
        Assert.Equal("5", await AddAfterSpinAsync(app).Bounded(RecoveryTimeout));
    }

    /// <summary>
    /// As the Node.js and Python workers do: the runaway call does not keep running once it has
    /// timed out (its worker is killed and replaced), so it does not hold a CPU for good.
    /// </summary>
    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task Spin_PastTimeout_RunawayCallIsStopped(string language)
    {
        var app = await server.AppAsync(language);
        var workers = AppProcesses(app);
        Assert.NotEmpty(workers);

        await (await CallAsync(app, "spin", "[]", timeoutSeconds: 1)).ExpectAsync(HttpStatusCode.GatewayTimeout);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> spinning;
        while ((spinning = await SpinningThreadsAsync(workers)).Count > 0)
        {
            Assert.True(clock.Elapsed < RunawayTimeout,
                $"{language}: {RunawayTimeout.TotalSeconds} s after the 504 a worker still runs the timed-out call: {string.Join(", ", spinning)}");
        }
        Output?.WriteLine($"{language}: no thread of workers {string.Join(", ", workers)} spinning {clock.ElapsedMilliseconds} ms after the 504");
        Assert.Equal("5", await AddAfterSpinAsync(app).Bounded(RecoveryTimeout));
    }

    [Theory]
    [MemberData(nameof(ContractLanguages.All), MemberType = typeof(ContractLanguages))]
    public async Task UnknownFunction_Returns404(string language)
    {
        var app = await server.AppAsync(language);

        var body = await (await CallAsync(app, "noSuchFunction", "[]")).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Contains("noSuchFunction", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>add(2, 3)</c> once the app answers again after a <c>spin</c> timed out. Until the server
    /// has found the spinning worker stuck (it pings it first) a call may still go to it and then
    /// fail with the documented 502 saying that worker was killed; any other answer fails the test.
    /// </summary>
    private async Task<string> AddAfterSpinAsync(string app)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await CallAsync(app, "add", "[2,3]");
            var text = await response.TextAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return text;
            }
            Assert.True(response.StatusCode == HttpStatusCode.BadGateway && text.Contains("the call to 'spin' ran past its 1 s timeout", StringComparison.Ordinal),
                $"add after spin, attempt {attempt}: {(int)response.StatusCode} {text}");
            Output?.WriteLine($"add after spin, attempt {attempt}: held by the stuck worker: {text}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The processes running in the app's folder (its workers), by pid.</summary>
    private int[] AppProcesses(string app)
    {
        var folder = Path.Combine(server.DataDirectory, "apps", app);
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(entry), out var pid) && new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is { } cwd
                    && (cwd == folder || cwd.StartsWith(folder + "/", StringComparison.Ordinal)) && ThreadStates(pid).Count > 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to look at
            }
        }
        return [.. found];
    }

    /// <summary>
    /// Threads of <paramref name="pids"/> that stayed runnable through a one-second look (20 samples):
    /// a busy loop is always runnable however loaded the machine is, an idle worker's threads sleep.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SpinningThreadsAsync(IEnumerable<int> pids)
    {
        const int Samples = 20;
        var running = new Dictionary<string, int>();
        for (var i = 0; i < Samples; i++)
        {
            foreach (var pid in pids)
            {
                foreach (var (thread, state) in ThreadStates(pid))
                {
                    if (state == 'R')
                    {
                        running[$"{pid}/{thread}"] = running.GetValueOrDefault($"{pid}/{thread}") + 1;
                    }
                }
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return [.. running.Where(r => r.Value >= Samples - 1).Select(r => r.Key)];
    }

    /// <summary>The state letter of each live thread of <paramref name="pid"/> (none once it is gone or a zombie).</summary>
    private static List<(string Thread, char State)> ThreadStates(int pid)
    {
        var states = new List<(string, char)>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var state = stat[stat.LastIndexOf(')') + 2];
                    if (state is not ('Z' or 'X'))
                    {
                        states.Add((Path.GetFileName(task), state));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
                {
                    // this thread ended meanwhile
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process ended meanwhile
        }
        return states;
    }
}
