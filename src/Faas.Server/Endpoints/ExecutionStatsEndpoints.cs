using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>Aggregates of the execution history: an app's calls, errors and latency per minute (the dashboard's charts), and calls per app (its apps list).</summary>
internal static class ExecutionStatsEndpoints
{
    public static IEndpointRouteBuilder MapExecutionStatsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Executions").WithMetadata(JsonErrors.Instance);
        group.MapGet("/apps/{app}/stats", AppStatsAsync)
            .WithSummary("An app's calls, errors and p50/p99 latency per time bucket")
            .WithDescription("`?window=` is `30m`, `1h` (the default), `24h`, `7d`...: at most 60 buckets of whole minutes (one minute for an hour). "
                + "Errors are executions that ended `error` or `timeout`; latencies count the executions that ended.")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/executions/summary", SummaryAsync)
            .WithSummary("Calls and errors per app over a window")
            .WithDescription("`?window=` as for `/api/apps/{app}/stats` (`1h` by default). Apps without a call in the window are left out.")
            .ProducesJsonError(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<AppStatsResponse>> AppStatsAsync(
        string app, HttpRequest request, DeploymentRegistry registry, ExecutionRecorder recorder, ExecutionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var window = StatsWindow.From(request);
        await ExecutionEndpoints.FlushAsync(recorder, cancellationToken);
        var since = window.Since(time.GetUtcNow());
        var series = ExecutionStats.Series(store, deployment.Name.Value, since, window.Bucket, window.BucketCount);
        return TypedResults.Ok(new AppStatsResponse(deployment.Name.Value, window.Text, since, since + (window.Bucket * window.BucketCount),
            (int)window.Bucket.TotalSeconds, StatsBucketResponse.From(series.Totals), [.. series.Buckets.Select(StatsBucketResponse.From)]));
    }

    private static async Task<Ok<ExecutionSummaryResponse>> SummaryAsync(
        HttpRequest request, ExecutionRecorder recorder, ExecutionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = StatsWindow.From(request);
        await ExecutionEndpoints.FlushAsync(recorder, cancellationToken);
        var since = time.GetUtcNow() - window.Length;
        var counts = ExecutionStats.CountsByApp(store, since);
        return TypedResults.Ok(new ExecutionSummaryResponse(window.Text, since, [.. counts.Select(c => new AppCallsResponse(c.App, c.Calls, c.Errors))]));
    }
}
