using System.Text.Encodings.Web;
using Faas.Server.Contracts;
using Faas.Server.Errors;

namespace Faas.Server.Hosting;

internal static class HubApiServices
{
    /// <summary>The HTTP side: one exception handler for every route, typed results written with the Hub's contracts, the deploy announcer.</summary>
    public static IServiceCollection AddHubApi(this IServiceCollection services)
    {
        services.AddExceptionHandler<FaasExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o =>
        {
            // FaasExceptionHandler answers every error and logs the unexpected ones itself; this is only the required last resort.
            o.ExceptionHandler = context => context.Response.WriteAsync("Internal server error.");
            o.SuppressDiagnosticsCallback = _ => true;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HubJsonContext.Default);
            // Messages read as written (no \u0027 for quotes), as the Hub's own server sends them.
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddSingleton<FunctionUrls>();
        return services;
    }
}
