using System.Text.Json;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Server.Contracts;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary><c>deploy/create</c>, <c>deploy/delete</c>, <c>deploy/logs</c> and <c>inspect</c>.</summary>
internal static class DeploymentEndpoints
{
    public static IEndpointRouteBuilder MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Deployments");
        group.MapPost("/deploy/create", DeployAsync)
            .WithSummary("Install and start an uploaded app")
            .WithDescription("Installs the app's dependencies, starts its workers and loads its scripts; answers once its functions are callable. "
                + "`env` is merged into the app's saved environment. A failed deploy answers 422 with the reason; `deploy/logs` has the details.")
            .AcceptsJson<DeployRequest>()
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/deploy/delete", DeleteAsync)
            .WithSummary("Stop an app and remove its files")
            .WithDescription("Only `suffix` is read. Answers the JSON string `\"Deploy Delete Succeed\"`.")
            .AcceptsJson<AppRequest>()
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/deploy/logs", LogsAsync)
            .WithSummary("The app's recent log lines")
            .WithDescription("Only `suffix` is read. Answers one JSON string: installer output, worker output and lifecycle lines, newest last, separated by `\\n`.")
            .AcceptsJson<AppRequest>()
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/inspect", Inspect)
            .WithSummary("Every app, newest first, with its status and functions")
            .WithDescription("The Hub's `Deployment[]`: `status` (`create`, `ready`, `fail`), `prefix`, `suffix`, `version`, `packages` (functions per language) and `error` when the last deploy failed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }

    private static async Task<Ok<DeployResponse>> DeployAsync(
        HttpContext context, DeploymentManager manager, HostPrefix prefix, FunctionUrls urls, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(context.Request, HubJsonContext.Relaxed.DeployRequest, "deploy/create", cancellationToken);
        var deployment = await manager.DeployAsync(body.Suffix, body.Env ?? [], cancellationToken);
        urls.Announce(deployment, "v1", context.Request);
        return TypedResults.Ok(new DeployResponse(prefix.Value, deployment.Name.Value, "v1"));
    }

    private static async Task<Ok<string>> DeleteAsync(HttpRequest request, DeploymentManager manager, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.AppRequest, "deploy/delete", cancellationToken);
        await manager.DeleteAsync(body.Suffix, cancellationToken);
        return TypedResults.Ok("Deploy Delete Succeed");
    }

    private static async Task<Ok<string>> LogsAsync(HttpRequest request, DeploymentRegistry registry, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.AppRequest, "deploy/logs", cancellationToken);
        return TypedResults.Ok(string.Join('\n', registry.Get(body.Suffix, FaasError.NotFound).Log.Recent()));
    }

    private static FileContentHttpResult Inspect(DeploymentRegistry registry, HostPrefix prefix)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            InspectWriter.Write(writer, registry.All, prefix.Value);
        }
        return TypedResults.Bytes(buffer.ToArray(), "application/json");
    }
}
