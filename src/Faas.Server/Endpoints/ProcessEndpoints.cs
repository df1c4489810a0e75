using Faas.Core;
using Faas.Core.Deployments;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary><c>GET /api/apps/{app}/processes</c>: the live workers or server process of an app's active version (what <c>faas check</c> reports).</summary>
internal static class ProcessEndpoints
{
    public static IEndpointRouteBuilder MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/apps/{app}/processes", GetProcesses).WithTags("Apps").WithMetadata(JsonErrors.Instance)
            .WithSummary("What runs for the app's active version now: its worker pools' pids and states, or its server process or container")
            .WithDescription("Read-only: it starts nothing. An idle state is by design (workers and servers stop when unused and start on the next call).")
            .ProducesJsonError(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<AppProcessesResponse> GetProcesses(string app, DeploymentRegistry registry)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var runtime = deployment.Active?.Runtime;
        var pools = runtime?.Pools.Select(p => new WorkerPoolInfo(p.Language, p.State, p.ProcessIds, p.Starting, p.Failure)).ToList() ?? [];
        var server = runtime?.Server?.State is { } s ? new ServerProcessInfo(s.Kind, s.State, s.ProcessId, s.Port, s.Container, s.Crashes, s.Failure) : null;
        return TypedResults.Ok(new AppProcessesResponse(
            deployment.Name.Value, deployment.Status.ToString().ToLowerInvariant(), deployment.Active?.Id, runtime?.Server is null ? "functions" : "server", pools, server));
    }
}
