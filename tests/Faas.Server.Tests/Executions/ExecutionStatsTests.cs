using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Executions;

/// <summary>The history's aggregates with a real Node.js worker: an app's stats per minute, calls per app, and its effective pool settings.</summary>
public sealed class ExecutionStatsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetBoundedAsync(path);
        return JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.Clone();
    }

    [Fact]
    public async Task Stats_CallsAndAnError_CountedWithLatencyInTheLastHour()
    {
        await Client.DeploySampleBoundedAsync("contract/node", "stats-contract");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"{i + 1}", await Client.CallOkAsync(server.CallPath("stats-contract", "add"), $"[{i}, 1]"));
        }
        await (await Client.CallBoundedAsync(server.CallPath("stats-contract", "fails"), """["no"]""")).ExpectAsync(HttpStatusCode.InternalServerError);

        var stats = await GetJsonAsync("/api/apps/stats-contract/stats");

        Assert.Equal(("1h", 60), (stats.GetProperty("window").GetString(), stats.GetProperty("bucketSeconds").GetInt32()));
        var buckets = stats.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(60, buckets.Count);
        Assert.Equal(4, buckets.Sum(b => b.GetProperty("calls").GetInt32()));
        Assert.Equal(stats.GetProperty("since").GetDateTimeOffset(), buckets[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(1), stats.GetProperty("until").GetDateTimeOffset() - stats.GetProperty("since").GetDateTimeOffset());
        Assert.InRange(DateTimeOffset.UtcNow - buckets[^1].GetProperty("start").GetDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromMinutes(2));
        var totals = stats.GetProperty("totals");
        Assert.Equal((4, 1), (totals.GetProperty("calls").GetInt32(), totals.GetProperty("errors").GetInt32()));
        Assert.InRange(totals.GetProperty("p50Ms").GetDouble(), 0, totals.GetProperty("p99Ms").GetDouble());

        var summary = await GetJsonAsync("/api/executions/summary?window=30m");
        var app = Assert.Single(summary.GetProperty("apps").EnumerateArray(), a => a.GetProperty("app").GetString() == "stats-contract");
        Assert.Equal((4, 1), (app.GetProperty("calls").GetInt32(), app.GetProperty("errors").GetInt32()));
    }

    [Fact]
    public async Task Stats_Windows_CutInAtMostSixtyWholeMinuteBuckets()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "stats-window");

        foreach (var (window, bucketSeconds, buckets) in new[] { ("30m", 60, 30), ("6h", 360, 60), ("24h", 1440, 60), ("7d", 10080, 60) })
        {
            var stats = await GetJsonAsync($"/api/apps/stats-window/stats?window={window}");
            Assert.Equal((window, bucketSeconds, buckets), (stats.GetProperty("window").GetString(), stats.GetProperty("bucketSeconds").GetInt32(), stats.GetProperty("buckets").GetArrayLength()));
        }
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("1w")]
    [InlineData("8d")]
    [InlineData("h")]
    [InlineData("-1h")]
    [InlineData("99999999999d")]
    public async Task Summary_BadWindow_Returns400NamingIt(string window)
    {
        var body = await (await Client.GetBoundedAsync($"/api/executions/summary?window={Uri.EscapeDataString(window)}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("?window=", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/apps/no-such-app/stats")]
    [InlineData("/api/apps/no-such-app/settings")]
    public async Task AppRoute_UnknownApp_Returns404(string path) =>
        await (await Client.GetBoundedAsync(path)).ExpectAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task Settings_AppWithFaasJson_ShowsItsOverridesOverTheDefaults()
    {
        await Client.DeployZipAsync("settings-file", TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = { one: () => 1 };"),
            ("faas.json", """{"callTimeoutSeconds": 7, "maxWorkers": 3, "handler": "web"}""")));
        await Client.DeploySampleBoundedAsync("node-sum", "settings-plain");

        var custom = await GetJsonAsync("/api/apps/settings-file/settings");
        var plain = await GetJsonAsync("/api/apps/settings-plain/settings");

        Assert.Equal((true, 7.0, 3, "web"), (custom.GetProperty("fromFile").GetBoolean(), custom.GetProperty("callTimeoutSeconds").GetDouble(),
            custom.GetProperty("maxWorkers").GetInt32(), custom.GetProperty("httpHandler").GetString()));
        Assert.Equal((false, 30.0, "handler"), (plain.GetProperty("fromFile").GetBoolean(), plain.GetProperty("callTimeoutSeconds").GetDouble(), plain.GetProperty("httpHandler").GetString()));
    }
}
