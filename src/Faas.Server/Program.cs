using Faas.Server.Endpoints;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

// Serilog, configured from the "Serilog" section, is the only logger; providers registered in DI (tests) also get every event.
// Each server keeps its own logger (not the static Log.Logger), so servers sharing a process (tests) never swap logs.
builder.Logging.ClearProviders();
builder.Services.AddSerilog(
    (services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services),
    preserveStaticLogger: true, writeToProviders: true);
builder.ListenOnConfiguredAddress();
builder.Services.AddFaas(builder.Configuration);
builder.Services.AddHubApi();
builder.Services.AddHubSwagger();

var app = builder.Build();

app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
app.UseExceptionHandler();
app.UseHubSwagger();

app.MapHubAccountEndpoints();
app.MapPackageEndpoints();
app.MapRepositoryEndpoints();
app.MapDeploymentEndpoints();
app.MapLogStreamEndpoints();
app.MapCallEndpoints();
app.MapFallbackEndpoint();

app.Run();

public partial class Program;
