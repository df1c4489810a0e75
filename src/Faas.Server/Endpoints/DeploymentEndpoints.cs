using System.Text.Json;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.Hosting;

namespace Faas.Server.Endpoints;

/// <summary><c>deploy/create</c>, <c>deploy/delete</c>, <c>deploy/logs</c> and <c>inspect</c>.</summary>
internal static class DeploymentEndpoints
{
    public static IEndpointRouteBuilder MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Deployments");
        group.MapPost("/deploy/create", DeployAsync)
            .WithSummary("Install and start an uploaded app; replies once its functions are callable")
            .Accepts<DeployRequest>("application/json", "*/*").Produces<DeployResponse>().Produces<string>(400).Produces<string>(422);
        group.MapPost("/deploy/rollback", RollbackAsync)
            .WithSummary("Make a kept version of an app active again, at once (no reinstall)")
            .Accepts<RollbackRequest>("application/json").Produces<DeployResponse>().Produces<string>(400).Produces<string>(404);
        group.MapPost("/deploy/delete", DeleteAsync)
            .WithSummary("Stop an app and remove its files")
            .Accepts<AppRequest>("application/json", "*/*").Produces<string>().Produces<string>(404);
        group.MapPost("/deploy/logs", LogsAsync)
            .WithSummary("The app's recent log lines as one JSON string")
            .Accepts<AppRequest>("application/json", "*/*").Produces<string>().Produces<string>(404);
        group.MapGet("/inspect", Inspect)
            .WithSummary("Every app, newest first, with its functions");
        return app;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, DeploymentManager manager, HostPrefix prefix, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.DeployRequest, cancellationToken);
        if (body is null)
        {
            return ErrorResults.BadJson("deploy/create");
        }
        try
        {
            var version = await manager.DeployAsync(body.Suffix, body.Env ?? [], cancellationToken);
            return Results.Json(new DeployResponse(prefix.Value, body.Suffix!, version.Id), HubJsonContext.Relaxed.DeployResponse);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }

    private static async Task<IResult> RollbackAsync(HttpRequest request, DeploymentManager manager, HostPrefix prefix, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RollbackRequest, cancellationToken);
        if (body is null)
        {
            return ErrorResults.BadJson("deploy/rollback");
        }
        try
        {
            var version = await manager.RollbackAsync(body.Suffix, body.Version, cancellationToken);
            return Results.Json(new DeployResponse(prefix.Value, body.Suffix!, version.Id), HubJsonContext.Relaxed.DeployResponse);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, DeploymentManager manager, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.AppRequest, cancellationToken);
        if (body is null)
        {
            return ErrorResults.BadJson("deploy/delete");
        }
        try
        {
            await manager.DeleteAsync(body.Suffix, cancellationToken);
            return Results.Json("Deploy Delete Succeed", HubJsonContext.Relaxed.String);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }

    private static async Task<IResult> LogsAsync(HttpRequest request, DeploymentRegistry registry, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.AppRequest, cancellationToken);
        if (body is null)
        {
            return ErrorResults.BadJson("deploy/logs");
        }
        try
        {
            var logs = string.Join('\n', registry.Get(body.Suffix, FaasError.NotFound).Log.Recent());
            return Results.Json(logs, HubJsonContext.Relaxed.String);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }

    private static IResult Inspect(DeploymentRegistry registry, HostPrefix prefix)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            InspectWriter.Write(writer, registry.All, prefix.Value);
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
