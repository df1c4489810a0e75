using System.Globalization;
using Faas.Core;
using Faas.Core.Apps;
using Faas.Core.Deployments;
using Faas.Core.Diffs;
using Faas.Core.Storage;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>
/// The apps API a dashboard uses: list and read apps, create a single-file app from source text and save
/// its next version, list, read (with their files), activate and diff versions (docs/http-functions.md, "The API").
/// </summary>
internal static class AppCatalogEndpoints
{
    public static IEndpointRouteBuilder MapAppCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/apps").WithTags("Apps").WithMetadata(JsonErrors.Instance);
        group.MapGet("", ListApps)
            .WithSummary("The apps, by name")
            .WithDescription("Pages with `?limit=` (1-100, default 20) and `?offset=`.")
            .ProducesJsonError(StatusCodes.Status400BadRequest);
        group.MapPost("", CreateAsync)
            .WithSummary("Create a single-file function from source text, deployed as v1")
            .WithDescription("The file is named after the language (`index.js`, `index.ts`, `main.py`, `main.rb`, `Handler.cs`, `handler.lua`) and gets its metacall.json. "
                + "Answers 201 with the app; 409 if the name is taken; 422 (the app is kept, without an active version) if the code does not load.")
            .AcceptsJson<CreateAppRequest>()
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{app}", GetApp)
            .WithSummary("An app with its versions and the functions of its active version")
            .ProducesJsonError(StatusCodes.Status404NotFound);
        group.MapPut("/{app}/code", UpdateCodeAsync)
            .WithSummary("Save a single-file app's code as its next version")
            .WithDescription("Built and loaded beside the active version, which keeps serving until the new one loaded (422 if it does not).")
            .AcceptsJson<UpdateCodeRequest>()
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{app}/versions", ListVersions)
            .WithSummary("An app's kept versions, newest first")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{app}/versions/{version}", GetVersion)
            .WithSummary("A kept version, with its code for single-file apps")
            .WithDescription("`version` is `v2` (or `2`).")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{app}/versions/{version}/files/{**path}", GetFile)
            .WithSummary("One source file of a kept version, as text")
            .WithDescription("`path` is one of the version's `files` (e.g. `src/index.js`); binary files and files over 1 MiB answer `binary: true` without content.")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/{app}/versions/{version}/activate", ActivateAsync)
            .WithSummary("Make a kept version the active one (rollback or roll forward)")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/{app}/diff/{from}/{to}", Diff)
            .WithSummary("A line diff of two kept versions' files")
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<AppListResponse> ListApps(HttpRequest request, DeploymentRegistry registry)
    {
        var paging = Paging.From(request);
        var all = registry.All.OrderBy(d => d.Name.Value, StringComparer.Ordinal).ToList();
        var page = all.Skip(paging.Offset).Take(paging.Limit)
            .Select(d => new AppSummary(d.Name.Value, Status(d), d.Active?.Id, d.Record.Versions.Count, d.Record.Source, d.Record.CreatedAt))
            .ToList();
        return TypedResults.Ok(new AppListResponse(page, new Pagination(all.Count, paging.Limit, paging.Offset)));
    }

    private static Ok<AppDetailResponse> GetApp(string app, DeploymentRegistry registry) =>
        TypedResults.Ok(Detail(registry.Get(app, FaasError.NotFound)));

    private static async Task<Results<Created<AppDetailResponse>, Conflict<ErrorResponse>>> CreateAsync(
        HttpRequest request, SingleFileApp apps, DeploymentRegistry registry, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.CreateAppRequest, "POST /api/apps", cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            throw new FaasException(FaasError.BadRequest, "name: the app's name must not be empty.");
        }
        var name = AppName.Parse(body.Name.Trim());
        if (registry.TryGet(name, out _))
        {
            return TypedResults.Conflict(new ErrorResponse($"name: there is already an app named '{name}': save new code with PUT /api/apps/{name}/code."));
        }
        await apps.CreateAsync(name, body.Language, body.Code, cancellationToken);
        return TypedResults.Created($"/api/apps/{name}", Detail(registry.Get(name.Value, FaasError.NotFound)));
    }

    private static async Task<Ok<VersionDetailResponse>> UpdateCodeAsync(
        string app, HttpRequest request, SingleFileApp apps, DeploymentRegistry registry, DataLayout layout, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var body = await JsonBody.ReadAsync(request, HubJsonContext.Relaxed.UpdateCodeRequest, $"PUT /api/apps/{app}/code", cancellationToken);
        var version = await apps.UpdateAsync(deployment.Name, body.Code, cancellationToken);
        return TypedResults.Ok(VersionDetail(deployment, version.Record, apps, layout));
    }

    private static Ok<VersionListResponse> ListVersions(string app, HttpRequest request, DeploymentRegistry registry)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var paging = Paging.From(request);
        var all = Versions(deployment);
        return TypedResults.Ok(new VersionListResponse([.. all.Skip(paging.Offset).Take(paging.Limit)], new Pagination(all.Count, paging.Limit, paging.Offset)));
    }

    private static Ok<VersionDetailResponse> GetVersion(string app, string version, DeploymentRegistry registry, SingleFileApp apps, DataLayout layout)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        return TypedResults.Ok(VersionDetail(deployment, Kept(deployment, version), apps, layout));
    }

    private static Ok<VersionFileResponse> GetFile(string app, string version, string path, DeploymentRegistry registry, DataLayout layout)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var record = Kept(deployment, version);
        var file = VersionDiff.ReadSourceFile(layout.VersionDirectory(deployment.Name, record.Number), path)
            ?? throw new FaasException(FaasError.NotFound, $"{record.Id} of '{deployment.Name}' has no source file '{path}' (GET /api/apps/{deployment.Name}/versions/{record.Id} lists them).");
        return TypedResults.Ok(new VersionFileResponse(file.Path, file.Size, file.Text is null, file.Text));
    }

    private static async Task<Ok<VersionSummary>> ActivateAsync(string app, string version, DeploymentManager manager, DeploymentRegistry registry, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var record = Kept(deployment, version);
        var active = await manager.RollbackAsync(deployment.Name.Value, record.Id, cancellationToken);
        return TypedResults.Ok(Summary(deployment, active.Record) with { Active = true });
    }

    private static Ok<DiffResponse> Diff(string app, string from, string to, DeploymentRegistry registry, DataLayout layout)
    {
        var deployment = registry.Get(app, FaasError.NotFound);
        var a = Kept(deployment, from);
        var b = Kept(deployment, to);
        var files = VersionDiff.Compare(layout.VersionDirectory(deployment.Name, a.Number), layout.VersionDirectory(deployment.Name, b.Number));
        return TypedResults.Ok(new DiffResponse(a.Id, b.Id, files));
    }

    private static AppDetailResponse Detail(Deployment d)
    {
        var functions = d.Active?.Runtime.Packages
            .SelectMany(p => p.Value.SelectMany(h => h.Functions).Select(f => new FunctionSummary(f.Name, p.Key, f.Parameters, f.IsAsync)))
            .ToList() ?? [];
        return new AppDetailResponse(d.Name.Value, Status(d), d.Error, d.Active?.Id, d.Record.Source, d.Record.CreatedAt,
            d.Active?.Runtime.Options.HttpHandler ?? "handler", Versions(d), functions);
    }

    private static List<VersionSummary> Versions(Deployment d) =>
        [.. d.Record.Versions.OrderByDescending(v => v.Number).Select(v => Summary(d, v))];

    private static VersionSummary Summary(Deployment d, VersionRecord v) =>
        new(v.Id, v.Number, d.Active?.Number == v.Number, v.CreatedAt, v.Source, v.Hash);

    private static VersionDetailResponse VersionDetail(Deployment d, VersionRecord v, SingleFileApp apps, DataLayout layout)
    {
        var directory = layout.VersionDirectory(d.Name, v.Number);
        return new VersionDetailResponse(Summary(d, v), VersionDiff.SourceFiles(directory), apps.CodeOf(directory));
    }

    /// <summary>A kept version named <c>v2</c> or <c>2</c>; 400 for anything else, 404 if not kept.</summary>
    private static VersionRecord Kept(Deployment d, string version)
    {
        if (!VersionId.TryParse(version, out var number)
            && !(int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0))
        {
            throw new FaasException(FaasError.BadRequest, $"'{version}' is not a version: use v1, v2, ... (or 1, 2, ...).");
        }
        return d.Record.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw new FaasException(FaasError.NotFound, $"The application '{d.Name}' has no version v{number} (kept: {string.Join(", ", d.Record.Versions.Select(k => k.Id))}).");
    }

    private static string Status(Deployment d) => d.Status.ToString().ToLowerInvariant();
}
