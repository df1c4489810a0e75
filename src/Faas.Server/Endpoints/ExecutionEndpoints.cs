using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>The execution history: an app's executions, one execution with its log lines.</summary>
internal static class ExecutionEndpoints
{
    private static readonly string[] Statuses = [ExecutionStatus.Pending, ExecutionStatus.Success, ExecutionStatus.Error, ExecutionStatus.Timeout];
    private static readonly string[] Triggers = [ExecutionTriggers.Call, ExecutionTriggers.Http];

    /// <summary>How long a read waits for the history writer to catch up with what was queued before it.</summary>
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Executions").WithMetadata(JsonErrors.Instance);
        group.MapGet("/apps/{app}/executions", ListAsync)
            .WithSummary("An app's executions, newest first")
            .WithDescription("Filters: `?status=pending|success|error|timeout`, `?function=name`, `?trigger=http|call`; pages with `?limit=` (1-100, default 20) and `?offset=`. "
                + "`dropped` counts records the history writer had to drop (server-wide) because it fell behind.")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/executions/{id}", GetAsync)
            .WithSummary("One execution with its log lines")
            .ProducesJsonError(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<ExecutionListResponse>> ListAsync(
        string app, HttpRequest request, DeploymentRegistry registry, ExecutionRecorder recorder, ExecutionStore store, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var paging = Paging.From(request);
        var status = Filter(request, "status", Statuses);
        var trigger = Filter(request, "trigger", Triggers);
        var function = request.Query["function"].ToString() is { Length: > 0 } f ? f : null;
        await FlushAsync(recorder, cancellationToken);
        var (items, total) = store.List(new ExecutionQuery(deployment.Name.Value, status, function, trigger, paging.Limit, paging.Offset));
        return TypedResults.Ok(new ExecutionListResponse([.. items.Select(ExecutionResponse.From)], new Pagination(total, paging.Limit, paging.Offset), recorder.Dropped));
    }

    private static async Task<Ok<ExecutionDetailResponse>> GetAsync(string id, ExecutionRecorder recorder, ExecutionStore store, CancellationToken cancellationToken)
    {
        var notFound = new FaasException(FaasError.NotFound, $"There is no execution '{id}' (executions are kept {recorder.Options.MaxAge.TotalDays:0.#} days, at most {recorder.Options.MaxPerApp} per app).");
        if (!ExecutionId.IsValid(id))
        {
            throw notFound;
        }
        await FlushAsync(recorder, cancellationToken);
        var record = store.Get(id) ?? throw notFound;
        var logs = store.Logs(id).Select(l => new ExecutionLogResponse(l.Level, l.Message, l.At)).ToList();
        return TypedResults.Ok(new ExecutionDetailResponse(ExecutionResponse.From(record), logs));
    }

    /// <summary>Reads see the executions that ended before them (the writer is a batch behind at most).</summary>
    internal static async Task FlushAsync(ExecutionRecorder recorder, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(FlushWait);
        try
        {
            await recorder.FlushAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A busy writer: answer with what is written.
        }
    }

    private static string? Filter(HttpRequest request, string name, string[] allowed)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        return allowed.Contains(value) ? value : throw new FaasException(FaasError.BadRequest, $"?{name}= must be one of {string.Join(", ", allowed)}, not '{value}'.");
    }
}
