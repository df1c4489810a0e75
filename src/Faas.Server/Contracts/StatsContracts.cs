using System.ComponentModel;
using System.Text.Json.Serialization;
using Faas.Core.Executions;
using Faas.Server.OpenApi;

namespace Faas.Server.Contracts;

[Description("Calls started in a time bucket, the errors among them (`error` or `timeout`) and the p50 / p99 durations of those that ended (null when none did).")]
[JsonExample("""{"start": "2026-11-30T11:00:00+00:00", "calls": 12, "errors": 1, "p50Ms": 3.1, "p99Ms": 48.5}""")]
public sealed record StatsBucketResponse(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("calls")] int Calls,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("p50Ms")] double? P50Ms,
    [property: JsonPropertyName("p99Ms")] double? P99Ms)
{
    public static StatsBucketResponse From(StatsBucket b) => new(b.Start, b.Calls, b.Errors, b.P50Ms, b.P99Ms);
}

[Description("An app's executions over a window, in equal buckets (one minute for the default hour), oldest first; the last bucket is the current one.")]
[JsonExample("""{"app": "shop", "window": "1h", "since": "2026-11-30T10:01:00+00:00", "until": "2026-11-30T11:01:00+00:00", "bucketSeconds": 60, "totals": {"start": "2026-11-30T10:01:00+00:00", "calls": 12, "errors": 1, "p50Ms": 3.1, "p99Ms": 48.5}, "buckets": [{"start": "2026-11-30T10:01:00+00:00", "calls": 0, "errors": 0, "p50Ms": null, "p99Ms": null}]}""")]
public sealed record AppStatsResponse(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("window"), Description("`?window=` as asked (`1h` by default).")] string Window,
    [property: JsonPropertyName("since"), Description("The first bucket's start.")] DateTimeOffset Since,
    [property: JsonPropertyName("until"), Description("The last bucket's end.")] DateTimeOffset Until,
    [property: JsonPropertyName("bucketSeconds")] int BucketSeconds,
    [property: JsonPropertyName("totals"), Description("The whole window as one bucket.")] StatsBucketResponse Totals,
    [property: JsonPropertyName("buckets")] IReadOnlyList<StatsBucketResponse> Buckets);

[Description("An app's calls in the window and the errors among them (`error` or `timeout`).")]
public sealed record AppCallsResponse(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("calls")] int Calls,
    [property: JsonPropertyName("errors")] int Errors);

[Description("Calls and errors per app over a window; apps with no call in it are left out.")]
[JsonExample("""{"window": "1h", "since": "2026-11-30T10:00:00+00:00", "apps": [{"app": "shop", "calls": 12, "errors": 1}]}""")]
public sealed record ExecutionSummaryResponse(
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("apps")] IReadOnlyList<AppCallsResponse> Apps);
