using System.Globalization;
using Faas.Core.Storage;

namespace Faas.Server.Endpoints;

/// <summary>The upload limits, so a client (the dashboard zipping a folder) can refuse an oversized package before sending it.</summary>
internal static class LimitEndpoints
{
    public static IEndpointRouteBuilder MapLimitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/limits", (StorageOptions storage) => Results.Text(
                string.Create(CultureInfo.InvariantCulture, $$"""{"maxUploadBytes":{{storage.MaxPackageBytes}},"maxPackageEntries":{{storage.MaxPackageEntries}}}"""),
                "application/json"))
            .WithTags("Server")
            .WithSummary("The largest accepted upload in bytes (`maxUploadBytes`) and the most entries a package may have (`maxPackageEntries`)")
            .WithDescription("An upload over `maxUploadBytes` is refused with 413 (Faas:Storage:MaxPackageBytes).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }
}
