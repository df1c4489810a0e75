using Faas.Server.Endpoints;
using Faas.Server.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Logging.AddSerilog(new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
    .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}")
    .CreateLogger(), dispose: true);

builder.ListenOnConfiguredAddress();
builder.Services.AddFaas(builder.Configuration);
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(o => o.SwaggerDoc("v1", new() { Title = "Faas (MetaCall Hub API)", Version = "v1" }));

var app = builder.Build();

app.UseMiddleware<Faas.Server.Security.BrowserGuard>();
app.UseMiddleware<Faas.Server.Security.KeyGuard>();
app.UseSwagger();
app.UseSwaggerUI();

app.MapHubAccountEndpoints();
app.MapRuntimeEndpoints();
app.MapPackageEndpoints();
app.MapRepositoryEndpoints();
app.MapDeploymentEndpoints();
app.MapAppEndpoints();
app.MapLogStreamEndpoints();
app.MapCallEndpoints();
app.MapKeyEndpoints();
app.MapFallbackEndpoint();

app.Run();

public partial class Program;
