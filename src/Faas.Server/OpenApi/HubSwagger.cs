using Microsoft.OpenApi;

namespace Faas.Server.OpenApi;

/// <summary>The OpenAPI document and Swagger UI, served under <c>/swagger</c> only.</summary>
internal static class HubSwagger
{
    private const string Description = """
        A local MetaCall FaaS server speaking the MetaCall Hub API, so `metacall-deploy --dev` and the Hub's clients work against it.

        **Deploy an app:** `POST /api/package/create` (a zip in `raw`, its name in `id`), then `POST /api/deploy/create` with `{"suffix": "<id>"}`.
        Or `POST /api/repository/add` with a git `url` and `branch`, then `deploy/create` with the name it answers.

        **Call a function:** `POST /{prefix}/{suffix}/v1/call/{func}` with its arguments as a JSON array (`[1, 2]`) or an object by parameter name;
        `prefix` is the server's host name, as `deploy/create` answers it, and `GET /api/inspect` lists every app's functions.

        **Errors:** `/api/*` routes answer errors as plain text (the message the Hub's CLI prints); function calls answer `{"error": "<message>"}`,
        except a call to an app that is not deployed (404, plain text). Statuses: 400 bad input, 404 unknown app or function, 413 too large,
        422 deploy failed, 500 the function threw, 502 the worker died, 503 unavailable or queue full, 504 timeout.
        """;

    public static IServiceCollection AddHubSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = "Faas (MetaCall Hub API)", Version = "v1", Description = Description });
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<HubOperationFilter>();
            o.SchemaFilter<JsonExampleSchemaFilter>();
        });
        return services;
    }

    /// <summary>The document at <c>/swagger/v1/swagger.json</c>, the UI at <c>/swagger</c>; other paths never pass through them.</summary>
    public static WebApplication UseHubSwagger(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), branch =>
        {
            branch.UseSwagger();
            branch.UseSwaggerUI();
        });
        return app;
    }
}
