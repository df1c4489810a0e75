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
            .WithSummary("Install and start an uploaded app as its next version")
            .WithDescription("Copies the uploaded files into the app's next version (`v1`, `v2`, ...), installs its dependencies, starts its workers and loads its scripts "
                + "beside the running version, then makes it active; answers once its functions are callable, with the version created. "
                + "`env` is merged over the active version's environment. A failed deploy answers 422 with the reason and leaves the active version serving; `deploy/logs` has the details.")
            .AcceptsJson<DeployRequest>()
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/deploy/rollback", RollbackAsync)
            .WithSummary("Make a kept version of an app active again, at once")
            .WithDescription("`latest` reaches that version from now on; nothing is installed or loaded until its first call. Answers like `deploy/create`.")
            .AcceptsJson<RollbackRequest>()
            .ProducesText(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
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
            .WithDescription("The Hub's `Deployment[]`: `status` (`create`, `ready`, `fail`), `prefix`, `suffix`, `version` (the active one), `packages` (its functions per language) and `error` when the app cannot serve; ours also: `versions` (kept, newest first, with `active`, `createdAt`, `source`, `hash`), `deploying` and `lastFailure`.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }

    private static async Task<Ok<DeployResponse>> DeployAsync(
        HttpContext context, DeploymentManager manager, DeploymentRegistry registry, HostPrefix prefix, FunctionUrls urls, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(context.Request, HubJsonContext.Relaxed.DeployRequest, "deploy/create", cancellationToken);
        var version = await manager.DeployAsync(body.Suffix, body.Env ?? [], cancellationToken);
        var deployment = registry.Get(body.Suffix, FaasError.NotFound);
        urls.Announce(deployment, version.Id, context.Request);
        return TypedResults.Ok(new DeployResponse(prefix.Value, deployment.Name.Value, version.Id));
    }

    private static async Task<Ok<DeployResponse>> RollbackAsync(HttpRequest request, DeploymentManager manager, HostPrefix prefix, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RollbackRequest, "deploy/rollback", cancellationToken);
        var version = await manager.RollbackAsync(body.Suffix, body.Version, cancellationToken);
        return TypedResults.Ok(new DeployResponse(prefix.Value, body.Suffix!, version.Id));
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
