// Floor: a bare Kestrel minimal-API endpoint answering "3", no logging, no middleware.
// Usage: dotnet KestrelFloor.dll --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/{**path}", () => Results.Text("3", "application/json"));
app.Run();
