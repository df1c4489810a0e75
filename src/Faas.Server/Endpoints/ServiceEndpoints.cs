using System.Text;
using System.Text.Json;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Services;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Faas.Server.OpenApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Server.Endpoints;

/// <summary>An app's platform services from outside: its environment and its KV store (docs/services.md).</summary>
internal static class ServiceEndpoints
{
    private const int DefaultPage = 20;
    private const int MaxPage = 100;

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/apps/{app}").WithTags("Services").WithMetadata(JsonErrors.Instance);
        group.MapGet("/env", GetEnv)
            .WithSummary("The app's environment variables (values in clear: this is an admin route)")
            .Produces<EnvVariables>().ProducesJsonError(StatusCodes.Status404NotFound);
        group.MapPut("/env", PutEnvAsync)
            .WithSummary("Replace the app's whole environment: {\"NAME\":\"value\"} (names left out are removed)")
            .WithDescription("Applied to the running version without a redeploy: `faas.env.get` sees it on the next call, and the active version's "
                + "workers are restarted (once their calls are done) so their process env has it too. Names: 1 to 100 letters, digits or `_`; "
                + "values up to 10000 characters; at most 100 variables. Answers the new environment.")
            .AcceptsJson<EnvVariables>()
            .Produces<EnvVariables>().ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapGet("/kv", ListKeys)
            .WithSummary("The app's KV keys in order, paginated: ?prefix=&limit=&offset= (limit 20 by default, at most 100)")
            .Produces<KvKeysResponse>().ProducesJsonError(StatusCodes.Status404NotFound);
        group.MapGet("/kv/{**key}", GetValue)
            .WithSummary("A KV value, as the raw body (text/plain; charset=utf-8)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPut("/kv/{**key}", PutValueAsync)
            .WithSummary("Store a KV value: the raw request body, UTF-8 text up to 1 MiB (any Content-Type, e.g. text/plain)")
            .WithDescription("Keys are 1 to 512 bytes; an app's keys and values together stay under Faas:Services:KvMaxBytesPerApp (413 past it). "
                + "This is the one `/api` write route that takes a non-JSON body (PUT cannot be sent cross-site without a CORS preflight).")
            .Accepts<string>("text/plain", EndpointDocs.AnyContentType)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/kv/{**key}", DeleteValue)
            .WithSummary("Delete a KV value")
            .Produces(StatusCodes.Status204NoContent).ProducesJsonError(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<EnvVariables> GetEnv(string app, DeploymentRegistry registry, AppEnvironment environment)
    {
        var name = Known(app, registry).Name.Value;
        return TypedResults.Ok(new EnvVariables(environment.Get(name)));
    }

    private static async Task<Ok<EnvVariables>> PutEnvAsync(string app, HttpRequest request, DeploymentRegistry registry, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var deployment = Known(app, registry);
        EnvVariables? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, ServiceJsonContext.Default.EnvVariables, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, "The body must be a JSON object of strings: {\"NAME\":\"value\"}.", e);
        }
        if (body is null)
        {
            throw new FaasException(FaasError.BadRequest, "The body must be a JSON object of strings: {\"NAME\":\"value\"}.");
        }
        environment.Replace(deployment.Name.Value, body);
        // The workers' process env is set when they start: restart them once their calls are done.
        deployment.Active?.Runtime.Park();
        return TypedResults.Ok(new EnvVariables(environment.Get(deployment.Name.Value)));
    }

    private static Ok<KvKeysResponse> ListKeys(string app, string? prefix, string? limit, string? offset, DeploymentRegistry registry, KvStore kv)
    {
        var name = Known(app, registry).Name.Value;
        var size = int.TryParse(limit, out var l) && l > 0 ? Math.Min(l, MaxPage) : DefaultPage;
        var skip = int.TryParse(offset, out var o) && o > 0 ? o : 0;
        var (keys, total) = kv.List(name, prefix ?? "", size, skip);
        return TypedResults.Ok(new KvKeysResponse(keys, new KeysPagination(total, size, skip)));
    }

    private static ContentHttpResult GetValue(string app, string key, DeploymentRegistry registry, KvStore kv)
    {
        var name = Known(app, registry).Name.Value;
        var value = kv.Get(name, key) ?? throw new FaasException(FaasError.NotFound, $"The app '{name}' has no KV key '{key}'.");
        return TypedResults.Text(value, "text/plain; charset=utf-8");
    }

    private static async Task<NoContent> PutValueAsync(string app, string key, HttpContext context, DeploymentRegistry registry, KvStore kv, ServiceOptions options, CancellationToken cancellationToken)
    {
        var name = Known(app, registry).Name.Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = options.KvMaxValueBytes;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        string value;
        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new FaasException(FaasError.BadRequest, "A KV value is text: the body must be valid UTF-8 (base64-encode binary data).");
        }
        kv.Set(name, key, value);
        return TypedResults.NoContent();
    }

    private static NoContent DeleteValue(string app, string key, DeploymentRegistry registry, KvStore kv)
    {
        var name = Known(app, registry).Name.Value;
        return kv.Delete(name, key) ? TypedResults.NoContent() : throw new FaasException(FaasError.NotFound, $"The app '{name}' has no KV key '{key}'.");
    }

    private static Deployment Known(string app, DeploymentRegistry registry) =>
        registry.TryGet(app, out var deployment)
            ? deployment
            : throw new FaasException(FaasError.NotFound, $"There is no application named '{app}'.");
}
