using Serilog;

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

    /// <summary>One line per request (<see cref="RequestLog"/>), written by the server's Serilog logger.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseMiddleware<RequestLog>(app.Services.GetRequiredService<Serilog.ILogger>());
        return app;
    }
}
