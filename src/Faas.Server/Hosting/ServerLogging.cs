using Serilog;
using Serilog.Extensions.Logging;

namespace Faas.Server.Hosting;

internal static class ServerLogging
{
    /// <summary>
    /// ASP.NET Core's per-request logger ("Request starting", "Request finished"). While it is enabled at any level,
    /// hosting starts an <c>Activity</c> and a log scope for every request, and both then ride along every await of the
    /// request (measured: 2–3 µs of CPU per call, ~7 % of warm-call throughput on two cores). Its lines repeat
    /// <see cref="RequestLog"/>'s; a failed start still reaches the console (the host's own logger, and the exception).
    /// </summary>
    internal const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    // Above Fatal: no level passes (Serilog compares levels as numbers).
    private const Serilog.Events.LogEventLevel Off = (Serilog.Events.LogEventLevel)((int)Serilog.Events.LogEventLevel.Fatal + 1);

    /// <summary>
    /// Serilog, configured from the <c>Serilog</c> section, is the only logger; providers registered
    /// in DI (the tests' capture) also get every event. Each server keeps its own logger rather than
    /// the static <c>Log.Logger</c>, so servers sharing a process (tests) never swap logs.
    /// </summary>
    /// <remarks>
    /// The providers' sink is added only when there are providers: Serilog's <c>writeToProviders</c> adds it always, and
    /// with none it still costs every event (the request log line included) a lookup of its category and event id.
    /// </remarks>
    public static WebApplicationBuilder AddServerLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) =>
        {
            // Off unless the configuration turns it back on (its overrides come after this one and win).
            logger.MinimumLevel.Override(HostingDiagnostics, Off);
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services);
            if (services.GetServices<ILoggerProvider>().ToList() is { Count: > 0 } providers)
            {
                var collection = new LoggerProviderCollection();
                providers.ForEach(collection.AddProvider);
                logger.WriteTo.Providers(collection);
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One line per request (<see cref="RequestLog"/>), written by the server's Serilog logger.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseMiddleware<RequestLog>(app.Services.GetRequiredService<Serilog.ILogger>());
        return app;
    }
}
