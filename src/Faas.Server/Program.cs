using Faas.Server.Endpoints;
using Faas.Server.Hosting;
using Faas.Server.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServerLogging();
builder.ListenOnConfiguredAddress();
builder.Services.AddFaas(builder.Configuration);
builder.Services.AddHubApi();
builder.Services.AddHubSwagger();

var app = builder.Build();

app.UseRequestLogging();
app.UseExceptionHandler();
app.UseMiddleware<Faas.Server.Security.BrowserGuard>();
app.UseMiddleware<Faas.Server.Security.KeyGuard>();
app.UseHubSwagger();

app.MapHubAccountEndpoints();
app.MapRuntimeEndpoints();
app.MapPackageEndpoints();
app.MapRepositoryEndpoints();
app.MapDeploymentEndpoints();
app.MapAppEndpoints();
app.MapAppCatalogEndpoints();
app.MapLogStreamEndpoints();
app.MapCallEndpoints();
app.MapHttpFunctionEndpoints();
app.MapExecutionEndpoints();
app.MapKeyEndpoints();
app.MapFallbackEndpoint();

app.Run();

public partial class Program;
