using System.Text.Json;
using Faas.Core.Repositories;
using Faas.Server.Contracts;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>The Hub's repository routes, over the git CLI.</summary>
internal static class RepositoryEndpoints
{
    public static IEndpointRouteBuilder MapRepositoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/repository").WithTags("Repositories");
        group.MapPost("/branchlist", BranchesAsync)
            .WithSummary("List a repository's branches")
            .WithDescription("Only `url` is read. Local paths and `file://` URLs are refused unless `Faas:Git:AllowLocalRepositories` is set.")
            .AcceptsJson<RepositoryRequest>()
            .ProducesText(StatusCodes.Status400BadRequest);
        group.MapPost("/filelist", FilesAsync)
            .WithSummary("List the files of a repository's branch")
            .WithDescription("Reads `url` and `branch`; answers the paths of the branch's files.")
            .AcceptsJson<RepositoryRequest>()
            .ProducesText(StatusCodes.Status400BadRequest);
        group.MapPost("/add", AddAsync)
            .WithSummary("Clone a repository's branch as a new app")
            .WithDescription("The app is named `<owner>-<repo>`, lower-cased; `deploy/create` with that `suffix` then installs and starts it.")
            .AcceptsJson<RepositoryRequest>()
            .ProducesText(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok<BranchesResponse>> BranchesAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RepositoryRequest, "repository/branchlist", cancellationToken);
        return TypedResults.Ok(new BranchesResponse(await importer.BranchesAsync(body.Url, cancellationToken)));
    }

    private static async Task<Ok<FilesResponse>> FilesAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RepositoryRequest, "repository/filelist", cancellationToken);
        return TypedResults.Ok(new FilesResponse(await importer.FilesAsync(body.Url, body.Branch, cancellationToken)));
    }

    private static async Task<Created<IdResponse>> AddAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RepositoryRequest, "repository/add", cancellationToken);
        // The CLI sends jsons as an array; library users may send it as a JSON string.
        var jsons = body.Jsons is { ValueKind: JsonValueKind.String } text ? text.GetString() : body.Jsons?.GetRawText();
        var name = await importer.AddAsync(body.Url, body.Branch, jsons, cancellationToken);
        return TypedResults.Created((string?)null, new IdResponse(name.Value));
    }
}
