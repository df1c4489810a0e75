// Floor: a bare YARP direct forwarder (the same package /invoke uses) in Kestrel: no logging, no middleware,
// no routing beyond one catch-all. What any proxy in .NET costs on this machine.
// Usage: dotnet YarpFloor.dll --urls http://127.0.0.1:PORT --upstream http://127.0.0.1:UPSTREAM
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
var app = builder.Build();
app.MapForwarder("/{**path}", app.Configuration["upstream"] ?? throw new InvalidOperationException("--upstream is required"));
app.Run();
