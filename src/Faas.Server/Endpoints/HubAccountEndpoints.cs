using Faas.Core.Deployments;
using Faas.Server.Contracts;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;

namespace Faas.Server.Endpoints;

/// <summary>The Hub's account, billing and readiness routes: a local server has one user with every plan.</summary>
internal static class HubAccountEndpoints
{
    public static IEndpointRouteBuilder MapHubAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var status = new StatusResponse("success", true);
        app.MapGet("/api/readiness", (Readiness readiness) => readiness.IsReady
                ? Results.Text("OK", "text/plain")
                : Results.Text("Restoring stored applications", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("Server").WithSummary("200 OK once every stored app is restored")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesText(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/validate", () => Results.Json(status, HubJsonContext.Relaxed.StatusResponse))
            .WithTags("Account").WithSummary("Token validation (always valid locally)");
        app.MapGet("/api/account/deploy-enabled", () => Results.Json(status, HubJsonContext.Relaxed.StatusResponse))
            .WithTags("Account");
        app.MapGet("/api/account/refresh-token", () => Results.Text("local", "text/plain"))
            .WithTags("Account");
        app.MapMethods("/api/billing/list-subscriptions", ["GET", "POST"],
                () => Results.Json(new[] { "Essential", "Essential" }, HubJsonContext.Relaxed.StringArray))
            .WithTags("Account");
        app.MapMethods("/api/billing/list-subscriptions-deploys", ["GET", "POST"],
                (DeploymentRegistry registry) => Results.Json(
                    registry.All.Where(d => d.Active is not null).OrderBy(d => d.Record.CreatedAt)
                        .Select(d => new SubscriptionDeploy(d.Name.Value, "Essential", d.Active!.Record.CreatedAt.ToUnixTimeMilliseconds(), d.Name.Value)).ToArray(),
                    HubJsonContext.Relaxed.SubscriptionDeployArray))
            .WithSummary("One entry per deployed app (metacall-deploy --force looks its app up here)")
            .WithTags("Account");
        return app;
    }
}
