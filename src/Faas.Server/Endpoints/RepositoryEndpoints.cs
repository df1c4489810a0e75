using System.Text.Json;
using Faas.Core;
using Faas.Core.Repositories;
using Faas.Server.Contracts;
using Faas.Server.Errors;

namespace Faas.Server.Endpoints;

/// <summary>The Hub's repository routes, over the git CLI.</summary>
internal static class RepositoryEndpoints
{
    public static IEndpointRouteBuilder MapRepositoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/repository").WithTags("Repositories");
        group.MapPost("/branchlist", BranchesAsync).Accepts<RepositoryRequest>("application/json", "*/*").Produces<BranchesResponse>().Produces<string>(400);
        group.MapPost("/filelist", FilesAsync).Accepts<RepositoryRequest>("application/json", "*/*").Produces<FilesResponse>().Produces<string>(400);
        group.MapPost("/add", AddAsync).Accepts<RepositoryRequest>("application/json", "*/*").Produces<IdResponse>(StatusCodes.Status201Created).Produces<string>(400);
        return app;
    }

    private static Task<IResult> BranchesAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken) =>
        HandleAsync(request, "repository/branchlist", async body =>
            Results.Json(new BranchesResponse(await importer.BranchesAsync(body.Url, cancellationToken)), HubJsonContext.Relaxed.BranchesResponse),
            cancellationToken);

    private static Task<IResult> FilesAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken) =>
        HandleAsync(request, "repository/filelist", async body =>
            Results.Json(new FilesResponse(await importer.FilesAsync(body.Url, body.Branch, cancellationToken)), HubJsonContext.Relaxed.FilesResponse),
            cancellationToken);

    private static Task<IResult> AddAsync(HttpRequest request, RepositoryImporter importer, CancellationToken cancellationToken) =>
        HandleAsync(request, "repository/add", async body =>
        {
            // The CLI sends jsons as an array; library users may send it as a JSON string.
            var jsons = body.Jsons is { ValueKind: JsonValueKind.String } text ? text.GetString() : body.Jsons?.GetRawText();
            var name = await importer.AddAsync(body.Url, body.Branch, jsons, cancellationToken);
            return Results.Json(new IdResponse(name.Value), HubJsonContext.Relaxed.IdResponse, statusCode: StatusCodes.Status201Created);
        }, cancellationToken);

    private static async Task<IResult> HandleAsync(HttpRequest request, string what, Func<RepositoryRequest, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.RepositoryRequest, cancellationToken);
        if (body is null)
        {
            return ErrorResults.BadJson(what);
        }
        try
        {
            return await handle(body);
        }
        catch (FaasException e)
        {
            return ErrorResults.Text(e);
        }
    }
}
