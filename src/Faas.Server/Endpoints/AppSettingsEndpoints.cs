using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Pools;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>An app's effective pool and timeout settings (read-only: they change with a <c>faas.json</c> in a new version).</summary>
internal static class AppSettingsEndpoints
{
    public static IEndpointRouteBuilder MapAppSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/apps").WithTags("Apps").WithMetadata(JsonErrors.Instance)
            .MapGet("/{app}/settings", Get)
            .WithSummary("The pool and timeout settings the app's workers run with")
            .WithDescription("The server's `Faas:Pools` defaults, overridden by the active version's `faas.json` (docs/configuration.md); the defaults when no version is active.")
            .ProducesJsonError(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<AppSettingsResponse> Get(string app, DeploymentRegistry registry, PoolOptions defaults, DataLayout layout)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        if (deployment.Active is not { } active)
        {
            return TypedResults.Ok(AppSettingsResponse.From(defaults, fromFile: false));
        }
        var file = Path.Combine(layout.VersionDirectory(deployment.Name, active.Number), AppSettingsFile.FileName);
        return TypedResults.Ok(AppSettingsResponse.From(active.Runtime.Options, File.Exists(file)));
    }
}
