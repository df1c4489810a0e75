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
Faas.Server.Errors.ErrorBodies.UseErrorBodies(app);
app.UseHubSwagger();

app.MapHubAccountEndpoints();
app.MapRuntimeEndpoints();
app.MapLimitEndpoints();
app.MapPackageEndpoints();
app.MapRepositoryEndpoints();
app.MapDeploymentEndpoints();
app.MapAppEndpoints();
app.MapProcessEndpoints();
app.MapServiceEndpoints();
app.MapAppCatalogEndpoints();
app.MapAppSettingsEndpoints();
app.MapLogStreamEndpoints();
app.MapCallEndpoints();
app.MapInvokeEndpoints();
app.MapHttpFunctionEndpoints();
app.MapExecutionEndpoints();
app.MapExecutionStatsEndpoints();
app.MapKeyEndpoints();
app.MapDashboardEndpoints();
app.MapFallbackEndpoint();

app.Run();

public partial class Program;
