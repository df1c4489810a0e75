using Faas.Core.Languages;
using Faas.Server.Contracts;

namespace Faas.Server.Endpoints;

/// <summary>The languages this server runs and the state of their runtimes on this machine.</summary>
internal static class RuntimeEndpoints
{
    public static IEndpointRouteBuilder MapRuntimeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runtimes", async (LanguageRuntimes runtimes, CancellationToken cancellationToken) =>
            {
                var languages = runtimes.Languages.All;
                var statuses = await Task.WhenAll(languages.Select(l => runtimes.StatusAsync(l, cancellationToken)));
                RuntimeResponse[] body = [.. languages.Zip(statuses, (language, status) => new RuntimeResponse(
                    language.Info.Id, language.Info.Name, language.Info.Aliases, language.Info.Extensions,
                    status.Name, status.Available, status.Version, status.Executable, status.Problem))];
                return TypedResults.Json(body, RuntimeJsonContext.Relaxed.RuntimeResponseArray);
            })
            .WithTags("Server")
            .WithSummary("The languages this server runs: id, aliases, extensions, and the runtime's version or why it is unavailable")
            .WithDescription("Each runtime is probed once per server run (a missing one is probed again when a deploy needs it). "
                + "An app needing an unavailable runtime fails its deploy with 422 and the same message as `error`.")
            .Produces<RuntimeResponse[]>(StatusCodes.Status200OK, "application/json");
        return app;
    }
}
