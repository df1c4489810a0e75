using Serilog;
using Serilog.Events;

namespace Faas.Server.Hosting;

internal static class ServerLogging
{
    /// <summary>
    /// Serilog, configured from the <c>Serilog</c> section, is the only logger; providers registered
    /// in DI (the tests' capture) also get every event. Each server keeps its own logger rather than
    /// the static <c>Log.Logger</c>, so servers sharing a process (tests) never swap logs.
    /// </summary>
    public static WebApplicationBuilder AddServerLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) => logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services),
            preserveStaticLogger: true, writeToProviders: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path, status and time. A 5xx is a warning: most are an app's
    /// failures (a function that threw, a worker that died), not the server's; the server's own
    /// bugs are logged at Error, with their stack, by the exception handler. Requests forwarded to a
    /// server app (<c>/invoke/</c>) are Debug unless they fail: each has its execution record, and a
    /// console line per proxied request cost more CPU than the forwarding itself.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (context, _, exception) =>
                exception is not null ? LogEventLevel.Error
                : context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Warning
                : context.Request.Path.StartsWithSegments("/invoke", StringComparison.OrdinalIgnoreCase) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app;
    }
}
